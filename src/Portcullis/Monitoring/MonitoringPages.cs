using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Portcullis.Monitoring;

/// <summary>What the two monitoring pages share: reading the period from the query as the API does, with the problem in the reader's language.</summary>
public static class MonitoringPages
{
    public static bool TryPeriod(string? from, string? to, TimeProvider clock, int defaultDays, IStringLocalizer text, out (DateOnly From, DateOnly To) period, out string? error)
    {
        period = default;
        if (!TryDay(from, out var first) || !TryDay(to, out var last))
        {
            error = text["Monitoring.DateFormat"];
            return false;
        }

        if (MonitoringModule.Period(first, last, clock, defaultDays, out _) is not { } resolved)
        {
            // The same rule as the API's (whose English problem stays for machine clients); the page says it in the reader's language.
            var end = last ?? Selection.Shifts.LocalDate(clock.GetUtcNow().UtcDateTime);
            var start = first ?? end.AddDays(1 - defaultDays);
            error = text["Monitoring.PeriodInvalid", start.ToString("d", CultureInfo.CurrentCulture), end.ToString("d", CultureInfo.CurrentCulture), MonitoringModule.MaximumDays];
            return false;
        }

        period = resolved;
        error = null;
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
