using System.Collections.Concurrent;

namespace Portcullis.Integrity;

/// <summary>
/// A token bucket per device: <see cref="ReadingOptions.MaxPerDevicePerMinute"/> readings a minute,
/// with a burst of as many. One flooding device (a broken unit, or someone jamming the feed) must
/// not crowd out the others or fill the store. Per process: on several nodes each HTTP node counts
/// on its own, and the MQTT subscriber runs on one node. Readings over the limit are refused and
/// counted (<see cref="Refused"/>), never stored quietly or dropped silently.
/// </summary>
public sealed class DeviceRateLimiter(ReadingOptions options)
{
    private sealed class Bucket
    {
        public double Tokens;
        public DateTime Last;
    }

    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    private long refused;

    /// <summary>Readings refused since the process started.</summary>
    public long Refused => Interlocked.Read(ref refused);

    public bool TryTake(string device, DateTime now)
    {
        var capacity = Math.Max(1, options.MaxPerDevicePerMinute);
        var bucket = buckets.GetOrAdd(device, _ => new Bucket { Tokens = capacity, Last = now });
        lock (bucket)
        {
            var elapsed = (now - bucket.Last).TotalMinutes;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(capacity, bucket.Tokens + (elapsed * capacity));
                bucket.Last = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens--;
                return true;
            }
        }

        Interlocked.Increment(ref refused);
        if (buckets.Count > 100_000)
        {
            // Full buckets carry no state worth keeping; dropping them bounds memory under many devices.
            foreach (var (key, value) in buckets)
            {
                if ((now - value.Last).TotalMinutes >= 1)
                {
                    buckets.TryRemove(key, out _);
                }
            }
        }

        return false;
    }
}
