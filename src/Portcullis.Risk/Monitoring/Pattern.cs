namespace Portcullis.Risk.Monitoring;

/// <summary>
/// How monitoring keys a smuggling pattern: HS chapter × mode × concealment found, e.g.
/// <c>08 SeaContainer AmongCargoNearDoors</c>. Unlike a <see cref="Lane"/> it pools the origin
/// countries, so one organisation's way of working that draws on several origins is one series, and
/// it separates ways of hiding on the same goods (rip-on bags by the doors from loads built into
/// the container) that a lane mixes. The concealment comes from the inspection's findings.
/// </summary>
public static class Pattern
{
    /// <summary>The pattern of a seizure; "??" stands for a missing or too short HS code, as in <see cref="Lane.Of"/>.</summary>
    public static string Of(string? hsCode, string mode, string concealment) =>
        $"{(hsCode is { Length: >= 2 } ? hsCode[..2] : "??")} {mode} {concealment}";
}
