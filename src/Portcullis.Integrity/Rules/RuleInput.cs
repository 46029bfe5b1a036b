using Portcullis.Integrity.Geofences;

namespace Portcullis.Integrity.Rules;

/// <summary>One observation with everything a rule may look at.</summary>
public sealed record RuleInput(Observation Observation, ContainerTrack Track, ContainerContext Context, ZoneMap Zones, RuleOptions Options)
{
    /// <summary>The observation's own fix, or the last one if recent enough to place it.</summary>
    public (double Latitude, double Longitude)? Where(TimeSpan maxAge)
    {
        if (Observation.HasFix)
        {
            return (Observation.Latitude!.Value, Observation.Longitude!.Value);
        }

        return Track.LastFix is { } f && Observation.At - f.At <= maxAge && Observation.At >= f.At ? (f.Latitude, f.Longitude) : null;
    }

    public static string When(DateTime at) => $"{at:yyyy-MM-dd HH:mm} UTC";

    public static string Position((double Latitude, double Longitude) p) => $"{p.Latitude:0.0000}, {p.Longitude:0.0000}";

    /// <summary>Evidence: this observation, then the others given.</summary>
    public IReadOnlyList<string> Evidence(params string?[] more) => [Observation.Evidence, .. more.Where(m => m is not null).Select(m => m!).Distinct().Where(m => m != Observation.Evidence)];
}
