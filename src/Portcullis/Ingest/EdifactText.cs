using System.Globalization;
using System.Text;
using Portcullis.Ingest.Edifact;

namespace Portcullis.Ingest;

/// <summary>
/// Rebuilds the text of one message inside an envelope of its own, so that a quarantined message
/// can be replayed exactly as received, with the sender and control reference of its interchange.
/// </summary>
public static class EdifactText
{
    public static string Wrap(InterchangeHeader header, string rawMessage)
    {
        var d = header.Delimiters;
        var text = new StringBuilder();
        text.Append(Una(d)).Append(Unb(header)).Append(rawMessage.Trim());
        if (!rawMessage.TrimEnd().EndsWith(d.Segment))
        {
            text.Append(d.Segment);
        }

        text.Append("UNZ").Append(d.Element).Append('1').Append(d.Element).Append(Escape(header.ControlReference, d)).Append(d.Segment);
        return text.ToString();
    }

    /// <summary>
    /// The bytes of a rebuilt interchange in its own character set: a quarantined message is replayed
    /// under its UNB syntax identifier, and UNOC is Latin-1 ("Straße" in UTF-8 would replay as a forbidden
    /// control byte). Repertoires the writer does not map (ISO 8859-2 and up) stay UTF-8.
    /// </summary>
    public static byte[] Bytes(InterchangeHeader? header, string text)
    {
        try
        {
            return header is null ? Encoding.UTF8.GetBytes(text) : EdifactWriter.EncodingFor(header.SyntaxIdentifier).GetBytes(text);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8.GetBytes(text);
        }
    }

    public static string Interchange(EdifactMessage message)
    {
        var d = message.Interchange.Delimiters;
        var body = new StringBuilder();
        Segment(body, d, "UNH", [[message.Reference], [message.Type, message.Version, message.Release, message.Agency, .. message.AssociationCode is null ? Array.Empty<string>() : [message.AssociationCode]]]);
        foreach (var segment in message.Segments)
        {
            Segment(body, d, segment.Tag, segment.Elements);
        }

        Segment(body, d, "UNT", [[(message.Segments.Count + 2).ToString(CultureInfo.InvariantCulture)], [message.Reference]]);
        return Wrap(message.Interchange, body.ToString());
    }

    private static string Una(Delimiters d) => $"UNA{d.Component}{d.Element}{d.Decimal}{d.Release}{(d.Repetition == '*' ? ' ' : d.Repetition)}{d.Segment}";

    private static string Unb(InterchangeHeader h)
    {
        var d = h.Delimiters;
        var prepared = h.Prepared ?? DateTime.UnixEpoch;
        var text = new StringBuilder();
        Segment(text, d, "UNB",
        [
            [h.SyntaxIdentifier, h.SyntaxVersion.ToString(CultureInfo.InvariantCulture)],
            h.SenderQualifier is null ? [h.Sender] : [h.Sender, h.SenderQualifier],
            h.RecipientQualifier is null ? [h.Recipient] : [h.Recipient, h.RecipientQualifier],
            [prepared.ToString(h.SyntaxVersion >= 4 ? "yyyyMMdd" : "yyMMdd", CultureInfo.InvariantCulture), prepared.ToString("HHmm", CultureInfo.InvariantCulture)],
            [h.ControlReference],
        ]);
        return text.ToString();
    }

    private static void Segment(StringBuilder text, Delimiters d, string tag, IEnumerable<string[]> elements)
    {
        text.Append(tag);
        foreach (var element in elements)
        {
            text.Append(d.Element);
            text.AppendJoin(d.Component, element.Select(c => Escape(c, d)));
        }

        text.Append(d.Segment);
    }

    private static string Escape(string value, Delimiters d)
    {
        if (value.AsSpan().IndexOfAny([d.Component, d.Element, d.Release, d.Segment, d.Repetition]) < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c == d.Component || c == d.Element || c == d.Release || c == d.Segment || c == d.Repetition)
            {
                escaped.Append(d.Release);
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
