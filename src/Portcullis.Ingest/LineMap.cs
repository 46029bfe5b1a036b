using System.Text.Json;

namespace Portcullis.Ingest;

/// <summary>
/// Byte offsets in a JSON payload to one-based lines and byte columns; the newline index is built
/// only when a position is first asked for. Shared by the DCSA event reader and the seal and sensor
/// reading reader.
/// </summary>
public sealed class LineMap(ReadOnlyMemory<byte> input, int skipped)
{
    private List<long>? starts;

    public InputPosition At(long offsetInJson)
    {
        var offset = offsetInJson + skipped;
        var lineStarts = Starts();
        var line = lineStarts.BinarySearch(offset);
        line = line >= 0 ? line : ~line - 1;
        return new InputPosition(offset, line + 1, (int)(offset - lineStarts[line]) + 1);
    }

    /// <summary>From the zero-based line and byte-in-line a <see cref="JsonException"/> gives.</summary>
    public InputPosition AtLineColumn(int line, int column)
    {
        var lineStarts = Starts();
        var start = line < lineStarts.Count ? lineStarts[line] : lineStarts[^1];
        var offset = start + column + (line == 0 ? skipped : 0);
        return new InputPosition(offset, line + 1, column + 1);
    }

    private List<long> Starts()
    {
        if (starts is null)
        {
            starts = [0];
            var span = input.Span;
            var at = 0;
            int next;
            while ((next = span[at..].IndexOf((byte)'\n')) >= 0)
            {
                at += next + 1;
                starts.Add(at);
            }
        }

        return starts;
    }
}
