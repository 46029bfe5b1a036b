using System.Globalization;

namespace Portcullis.Monitoring;

/// <summary>What the two monitoring pages share: reading the period from the query as the API does.</summary>
public static class MonitoringPages
{
    public static bool TryPeriod(string? from, string? to, TimeProvider clock, int defaultDays, out (DateOnly From, DateOnly To) period, out string? error)
    {
        period = default;
        if (!TryDay(from, out var first) || !TryDay(to, out var last))
        {
            error = "Give the dates as yyyy-mm-dd, e.g. 2026-03-02.";
            return false;
        }

        if (MonitoringModule.Period(first, last, clock, defaultDays, out error) is not { } resolved)
        {
            return false;
        }

        period = resolved;
        return true;
    }

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }
}
