using System.Globalization;

namespace Portcullis.Components;

/// <summary>Times as the hubs read them: Europe/Amsterdam, summer time included. Stored times stay UTC.</summary>
public static class LocalTimes
{
    public static TimeZoneInfo Amsterdam { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);

    public static string Format(DateTime utc, bool timeOnly = false) =>
        ToLocal(utc).ToString(timeOnly ? "HH:mm" : "d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
