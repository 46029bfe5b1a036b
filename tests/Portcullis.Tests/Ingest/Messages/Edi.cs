using Portcullis.Ingest;
using Portcullis.Ingest.Edifact;

namespace Portcullis.Tests.Ingest.MessageMappings;

/// <summary>
/// Builds EdifactMessage values from readable segment text for the mapping tests, so that each
/// test states its input as a partner would send it. Splits on the default separators and honours
/// the release character; the envelope is implied (UNH is segment 1, so the first body segment is 2).
/// </summary>
internal static class Edi
{
    public static readonly DateTime Prepared = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    public static EdifactMessage Message(string type, string body, string sender = "TERMINAL1", Delimiters? delimiters = null)
    {
        var d = delimiters ?? Delimiters.Default;
        var header = new InterchangeHeader("UNOC", 3, sender, null, "PORTCULLIS", null, Prepared, "IC1", false, d, new InputPosition(0, 1, 1));
        var segments = new List<EdifactSegment>();
        foreach (var text in SplitUnreleased(body, d.Segment, d.Release))
        {
            var trimmed = text.TrimStart();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var elements = SplitUnreleased(trimmed, d.Element, d.Release)
                .Select(e => SplitUnreleased(e, d.Component, d.Release).Select(c => Unrelease(c, d.Release)).ToArray())
                .ToArray();
            var number = segments.Count + 2;
            segments.Add(new EdifactSegment(elements[0][0], elements[1..], new InputPosition(number * 20, number, 1, number, "M1")));
        }

        return new EdifactMessage("M1", type, "D", "95B", "UN", null, header, segments, new InputPosition(0, 1, 1, 1, "M1"), []);
    }

    private static List<string> SplitUnreleased(string text, char separator, char release)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == release)
            {
                i++;
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static string Unrelease(string text, char release)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == release && i + 1 < text.Length)
            {
                i++;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }

    /// <summary>The rejection a mapping throws, for asserting its code and position.</summary>
    public static IngestIssue Rejection(Action map) => Assert.Throws<IngestRejectedException>(map).Issue;
}
