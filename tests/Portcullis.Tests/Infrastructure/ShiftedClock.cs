namespace Portcullis.Tests.Infrastructure;

/// <summary>
/// Real time, running at the real rate, read as if the clock had been started at a fixed hour of the
/// real UTC date. The shared browser server lives for the whole suite, and its pages and the tests'
/// data speak of "today" (UTC and Amsterdam): a suite that ran across 22:00, 23:00 or 00:00 UTC saw
/// its fixtures fall onto yesterday halfway. Timers still fire (only the reading is shifted), and the
/// run always meets the pages at the same time of day, so a time-of-day dependency shows on every run
/// rather than on the one that happens to start late in the evening.
/// </summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    /// <summary>A clock that reads <paramref name="hour"/>:00 UTC of the real UTC date now.</summary>
    public static ShiftedClock StartingAt(int hour)
    {
        var now = System.GetUtcNow();
        return new ShiftedClock(now.UtcDateTime.Date.AddHours(hour) - now.UtcDateTime);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
