using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Portcullis.Components;

/// <summary>One of the UI's languages: the culture that formats numbers and dates, and the one that picks the texts.</summary>
public sealed record Language(string Code, CultureInfo Format, CultureInfo Text);

/// <summary>
/// The UI's two languages. The choice is a cookie set by <c>GET /culture</c> (the switch in the
/// layout); without one, the browser's Accept-Language decides; English otherwise. Accounts have no
/// preferences column, so the cookie (a year long) is the person's choice on that browser.
/// </summary>
/// <remarks>
/// The build is globalization-invariant (Directory.Build.props): sorting, parsing and formatting never
/// depend on the machine's ICU or locale. So the two cultures are not looked up but built here, from
/// explicit tables: the invariant culture's data with Dutch or British month and day names, date
/// patterns and separators. That is all the pages format with.
/// </remarks>
public static class Languages
{
    public static readonly Language English = new("en", CultureInfo.ReadOnly(BritishFormat()), CultureInfo.ReadOnly(new CultureInfo("en")));

    public static readonly Language Dutch = new("nl", CultureInfo.ReadOnly(DutchFormat()), CultureInfo.ReadOnly(new CultureInfo("nl")));

    public static IReadOnlyList<Language> All { get; } = [English, Dutch];

    public static IServiceCollection AddLanguages(this IServiceCollection services) => services.AddLocalization();

    /// <summary>
    /// Sets the request's cultures: the cookie first, then the browser, then English. Runs before every
    /// endpoint, so pages, the sign-in forms and the Blazor circuit (its connection is a request too)
    /// all run in the reader's language. Not the API: its answers are for programs and must not change
    /// with the caller's browser (a Dutch decimal comma in a reason text, say).
    /// </summary>
    public static void UseLanguages(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                var language = Choose(context.Request);
                CultureInfo.CurrentCulture = language.Format;
                CultureInfo.CurrentUICulture = language.Text;
            }

            await next(context);
        });

    public static Language Choose(HttpRequest request) =>
        FromCookie(request.Cookies[CookieRequestCultureProvider.DefaultCookieName])
        ?? FromAcceptLanguage(request.Headers.AcceptLanguage)
        ?? English;

    /// <summary>
    /// The first supported language in the browser's list, by quality: "nl-BE" and "nl" mean Dutch,
    /// "en-US" means English.
    /// </summary>
    public static Language? FromAcceptLanguage(Microsoft.Extensions.Primitives.StringValues header)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return null;
        }

        return values.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1)
            .Select(v => For(v.Value.ToString())).FirstOrDefault(l => l is not null);
    }

    /// <summary>The supported language for a tag ("nl", "nl-NL", "en-US"…), or null.</summary>
    public static Language? For(string? tag)
    {
        var code = (tag ?? "").Split('-', 2)[0];
        return All.FirstOrDefault(l => l.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// GET /culture?lang=nl&amp;redirect=/scans sets the language cookie and goes back. A GET so that the
    /// switch is a plain link (keyboard and no script); it changes nothing but the caller's own cookie.
    /// </summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture", (HttpContext context, string? lang, string? redirect) =>
        {
            if (For(lang) is not { } language)
            {
                return Results.Problem("The language must be nl or en; pick one of those.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown language.");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Format, language.Text)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true });
            return Results.LocalRedirect(IsLocalPath(redirect) ? redirect! : "/");
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>A path on this site ("/x"), never another host ("//evil", "/\evil", "https://…").</summary>
    public static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    private static Language? FromCookie(string? value) =>
        value is null ? null : For(CookieRequestCultureProvider.ParseCookieValue(value)?.UICultures.FirstOrDefault().Value);

    private static CultureInfo BritishFormat()
    {
        var culture = new CultureInfo("en-GB");
        var dates = culture.DateTimeFormat;
        DayMonthAnd24Hours(dates);
        dates.ShortDatePattern = "dd/MM/yyyy";
        dates.DateSeparator = "/";
        culture.NumberFormat.CurrencySymbol = "€";
        return culture;
    }

    private static CultureInfo DutchFormat()
    {
        var culture = new CultureInfo("nl-NL");
        var dates = culture.DateTimeFormat;
        string[] months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december", ""];
        string[] shortMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec", ""];
        dates.MonthNames = months;
        dates.MonthGenitiveNames = months;
        dates.AbbreviatedMonthNames = shortMonths;
        dates.AbbreviatedMonthGenitiveNames = shortMonths;
        dates.DayNames = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
        dates.AbbreviatedDayNames = ["zo", "ma", "di", "wo", "do", "vr", "za"];
        dates.ShortestDayNames = ["zo", "ma", "di", "wo", "do", "vr", "za"];
        DayMonthAnd24Hours(dates);
        dates.ShortDatePattern = "d-M-yyyy";
        dates.YearMonthPattern = "MMMM yyyy";
        dates.DateSeparator = "-";
        dates.AMDesignator = "";
        dates.PMDesignator = "";
        var numbers = culture.NumberFormat;
        numbers.NumberDecimalSeparator = ",";
        numbers.NumberGroupSeparator = ".";
        numbers.CurrencyDecimalSeparator = ",";
        numbers.CurrencyGroupSeparator = ".";
        numbers.PercentDecimalSeparator = ",";
        numbers.PercentGroupSeparator = ".";
        numbers.CurrencySymbol = "€";
        return culture;
    }

    // What both languages share here: the day before the month, a 24-hour clock, weeks from Monday (ISO 8601).
    private static void DayMonthAnd24Hours(DateTimeFormatInfo dates)
    {
        dates.LongDatePattern = "dddd d MMMM yyyy";
        dates.FullDateTimePattern = "dddd d MMMM yyyy HH:mm:ss";
        dates.ShortTimePattern = "HH:mm";
        dates.LongTimePattern = "HH:mm:ss";
        dates.MonthDayPattern = "d MMMM";
        dates.FirstDayOfWeek = DayOfWeek.Monday;
        dates.CalendarWeekRule = CalendarWeekRule.FirstFourDayWeek;
    }
}
