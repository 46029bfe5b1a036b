namespace Portcullis.Risk.Monitoring;

/// <summary>How monitoring keys a lane: origin country × HS chapter × mode, e.g. <c>EC 08 SeaContainer</c>.</summary>
public static class Lane
{
    /// <summary>The lane of a consignment; "??" stands for a missing or too short HS code, so such consignments still count together.</summary>
    public static string Of(string originCountry, string? hsCode, string mode) =>
        $"{originCountry} {(hsCode is { Length: >= 2 } ? hsCode[..2] : "??")} {mode}";
}
