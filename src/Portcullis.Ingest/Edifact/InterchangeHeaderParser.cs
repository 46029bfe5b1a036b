using System.Text;

namespace Portcullis.Ingest.Edifact;

/// <summary>Reads UNB: syntax identifier and version, parties, preparation time, control reference.</summary>
internal static class InterchangeHeaderParser
{
    public sealed record Result(InterchangeHeader? Header, SyntaxLevel? Level, IReadOnlyList<IngestIssue> Warnings, IngestIssue? Error);

    public static Result Parse(EdifactTokenizer tokenizer, SegmentDecoder decoder, TimeZoneInfo zone, InputPosition at)
    {
        var unb = decoder.Decode(tokenizer, "UNB", Encoding.Latin1, at);
        Result Failed(string code, string sentence) => new(null, null, [], IngestIssue.Error(code, sentence, at));

        var identifier = unb.Get(0);
        var (level, levelError) = SyntaxLevel.For(identifier, tokenizer.Separators);
        if (level is null)
        {
            return Failed("edifact.syntax-identifier", levelError!);
        }

        if (unb.Get(0, 1) is not ("1" or "2" or "3" or "4") || !int.TryParse(unb.Get(0, 1), out var version))
        {
            return Failed("edifact.syntax-version", $"UNB gives syntax version '{unb.Get(0, 1)}', but only versions 1 to 4 exist; correct UNB element 0002.");
        }

        var warnings = new List<IngestIssue>();
        var problem = level.Check(tokenizer.Segment, out var offset);
        if (problem == "lowercase")
        {
            warnings.Add(IngestIssue.Warning(Envelope.LowercaseUnoa, "Lowercase letters appear under syntax UNOA, which allows only uppercase; declare UNOB or UNOC in UNB or send uppercase.", at));
        }
        else if (problem is not null)
        {
            return new(null, null, [], IngestIssue.Error("edifact.invalid-character", problem, at with { ByteOffset = at.ByteOffset + offset, Column = (int)Math.Min(int.MaxValue, (long)at.Column + offset) }));
        }

        // The sender is half of the interchange's identity (sender + control reference); the recipient
        // is only where it was meant to go, and we are reading it, so an empty one is a warning.
        if (unb.Get(1).Length == 0)
        {
            return Failed("edifact.unb-invalid", "UNB does not name the sender; fill UNB element S002 with the sender's identification.");
        }

        if (unb.Get(2).Length == 0)
        {
            warnings.Add(IngestIssue.Warning("edifact.unb-no-recipient", "UNB names no recipient (S003 is empty); the interchange was read anyway, but fill S003 with the recipient's identification.", at));
        }

        if (unb.Get(4).Length == 0)
        {
            return Failed("edifact.unb-invalid", "UNB has no interchange control reference; fill UNB element 0020.");
        }

        var (prepared, dateWarning, dateError) = Envelope.ParseDate(unb.Get(3), unb.Get(3, 1), version, zone);
        if (dateError is not null)
        {
            return Failed("edifact.unb-date", dateError);
        }

        if (dateWarning is not null)
        {
            var expected = version >= 4 ? "CCYYMMDD" : "YYMMDD";
            warnings.Add(IngestIssue.Warning(dateWarning, $"The UNB date '{unb.Get(3)}' does not have the {expected} form of syntax version {version}; write it as {expected}.", at));
        }

        if (version < 4)
        {
            tokenizer.DisableRepetition();
        }

        var header = new InterchangeHeader(
            identifier,
            version,
            unb.Get(1),
            NullIfEmpty(unb.Get(1, 1)),
            unb.Get(2),
            NullIfEmpty(unb.Get(2, 1)),
            prepared,
            unb.Get(4),
            unb.Get(10) == "1",
            tokenizer.Separators.ToDelimiters(),
            at);
        return new(header, level, warnings, null);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
