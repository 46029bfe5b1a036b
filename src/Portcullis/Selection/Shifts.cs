namespace Portcullis.Selection;

/// <summary>
/// The three shifts of a customs day in Dutch local time: early 06–14, late 14–22, night 22–06 (into
/// the next morning). Times are stored in UTC; only this class knows the local clock.
/// </summary>
public static class Shifts
{
    public const string Early = "early";
    public const string Late = "late";
    public const string Night = "night";

    public static IReadOnlyList<string> Names { get; } = [Early, Late, Night];

    public static TimeZoneInfo Local { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>Start and end of a shift in UTC.</summary>
    public static (DateTime Start, DateTime End) Span(DateOnly day, string shift)
    {
        var startHour = shift switch
        {
            Early => 6,
            Late => 14,
            Night => 22,
            _ => throw new ArgumentException($"Unknown shift '{shift}'; use early, late or night.", nameof(shift)),
        };
        var localStart = day.ToDateTime(new TimeOnly(startHour, 0));
        return (ToUtc(localStart), ToUtc(localStart.AddHours(8)));
    }

    /// <summary>The local day as a UTC interval [start, end): the arrivals a day's plan chooses from.</summary>
    public static (DateTime From, DateTime To) Day(DateOnly day) =>
        (ToUtc(day.ToDateTime(TimeOnly.MinValue)), ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    /// <summary>
    /// The shift a moment falls in, and the day that shift belongs to: local 03:00 on the 8th is the
    /// night shift of the 7th. The three shifts cover the whole day, so every moment has one.
    /// </summary>
    public static (DateOnly Day, string Name) At(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Local);
        var day = DateOnly.FromDateTime(local);
        return local.Hour switch
        {
            < 6 => (day.AddDays(-1), Night),
            < 14 => (day, Early),
            < 22 => (day, Late),
            _ => (day, Night),
        };
    }

    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Local));

    private static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Local);
}
