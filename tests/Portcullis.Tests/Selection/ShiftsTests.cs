using Portcullis.Selection;

namespace Portcullis.Tests.Selection;

/// <summary>The shift a moment belongs to, in Dutch local time (CET in winter, CEST in summer).</summary>
public sealed class ShiftsTests
{
    [Theory]
    // Winter, UTC+1: 02:00 UTC is 03:00 local, still the night shift that began on the 6th at 22:00.
    [InlineData("2026-12-07T02:00:00Z", "2026-12-06", "night")]
    // 05:00 UTC is 06:00 local: the early shift begins.
    [InlineData("2026-12-07T05:00:00Z", "2026-12-07", "early")]
    [InlineData("2026-12-07T12:59:00Z", "2026-12-07", "early")]
    [InlineData("2026-12-07T13:00:00Z", "2026-12-07", "late")]
    // 21:00 UTC is 22:00 local: the night shift of the 7th.
    [InlineData("2026-12-07T21:00:00Z", "2026-12-07", "night")]
    [InlineData("2026-12-07T23:50:28Z", "2026-12-07", "night")]
    // Summer, UTC+2: 04:30 UTC is 06:30 local.
    [InlineData("2026-07-01T04:30:00Z", "2026-07-01", "early")]
    [InlineData("2026-07-01T03:59:00Z", "2026-06-30", "night")]
    public void A_moment_falls_in_one_shift_of_one_day(string utc, string day, string shift)
    {
        var at = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal((DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), shift), Shifts.At(at));
        var (start, end) = Shifts.Span(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), shift);
        Assert.InRange(at, start, end.AddTicks(-1));
    }
}
