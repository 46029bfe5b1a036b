using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Portcullis.Components;

/// <summary>
/// The UI's two languages. The choice is a cookie set by <c>GET /culture</c> (the switch in the
/// layout); without one, the browser's Accept-Language decides; English otherwise. Accounts have no
/// preferences column, so the cookie (a year long) is the person's choice on that browser.
/// </summary>
public static class Languages
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static IReadOnlyList<CultureInfo> Supported { get; } = [English, Dutch];

    public static IServiceCollection AddLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(English);
            o.SupportedCultures = [.. Supported];
            o.SupportedUICultures = [.. Supported];
            // The cookie first, then the browser; the query-string provider is left out so that
            // links never carry the language.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context => Task.FromResult(FromAcceptLanguage(context.Request.Headers.AcceptLanguage))),
            ];
        });
        return services;
    }

    /// <summary>
    /// The first supported language in the browser's list, by quality: "nl-BE" and "nl" mean Dutch,
    /// "en-US" means English (the framework's own provider would not map en-US to en-GB).
    /// </summary>
    public static ProviderCultureResult? FromAcceptLanguage(Microsoft.Extensions.Primitives.StringValues header)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return null;
        }

        foreach (var value in values.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            if (For(value.Value.ToString()) is { } culture)
            {
                return new ProviderCultureResult(culture.Name);
            }
        }

        return null;
    }

    /// <summary>The supported culture for a language tag ("nl", "nl-NL", "en-US"…), or null.</summary>
    public static CultureInfo? For(string? tag)
    {
        var language = (tag ?? "").Split('-', 2)[0];
        return language.Equals("nl", StringComparison.OrdinalIgnoreCase) ? Dutch
            : language.Equals("en", StringComparison.OrdinalIgnoreCase) ? English
            : null;
    }

    /// <summary>
    /// GET /culture?lang=nl&amp;redirect=/scans sets the language cookie and goes back. A GET so that the
    /// switch is a plain link (keyboard and no script); it changes nothing but the caller's own cookie.
    /// </summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture", (HttpContext context, string? lang, string? redirect) =>
        {
            if (For(lang) is not { } culture)
            {
                return Results.Problem("The language must be nl or en; pick one of those.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown language.");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true });
            return Results.LocalRedirect(IsLocalPath(redirect) ? redirect! : "/");
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>A path on this site ("/x"), never another host ("//evil", "/\evil", "https://…").</summary>
    public static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);
}
