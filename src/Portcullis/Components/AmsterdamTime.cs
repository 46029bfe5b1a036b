using System.Globalization;

namespace Portcullis.Components;

/// <summary>
/// The hubs' local time. Everything is stored in UTC; people read Europe/Amsterdam (CET/CEST), so
/// the UI converts at the last moment and shows UTC on hover.
/// </summary>
public static class AmsterdamTime
{
    // The zone the shifts are defined in: one place knows it.
    public static TimeZoneInfo Zone => Selection.Shifts.Local;

    /// <summary>The local wall-clock time of a UTC instant (an unspecified kind is taken as UTC).</summary>
    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Local time in the current culture's pattern, e.g. "6 dec 2026 19:05" or "6 Dec 2026 19:05".</summary>
    public static string Format(DateTime utc, string format = "d MMM yyyy HH:mm") =>
        ToLocal(utc).ToString(format, CultureInfo.CurrentCulture);

    /// <summary>The same instant in UTC, for the tooltip.</summary>
    public static string FormatUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
