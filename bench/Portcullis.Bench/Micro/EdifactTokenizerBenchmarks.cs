using BenchmarkDotNet.Attributes;
using Portcullis.Ingest.Edifact;

namespace Portcullis.Bench.Micro;

/// <summary>
/// The EDIFACT tokenizer and the full reader over the same 4 MB of CUSCAR-like interchanges held in
/// memory, against a plain span scan for the same delimiter bytes (the least any tokenizer must do).
/// </summary>
[MemoryDiagnoser]
public class EdifactTokenizerBenchmarks
{
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new MemoryStream();
        EdifactTokenize.Generate(buffer, 4L << 20);
        _bytes = buffer.ToArray();
    }

    /// <summary>Counts segment, element, component and release characters: the delimiter search alone, no state.</summary>
    [Benchmark(Baseline = true)]
    public long SpanScan()
    {
        ReadOnlySpan<byte> rest = _bytes;
        long delimiters = 0;
        int i;
        while ((i = rest.IndexOfAny("'+:?"u8)) >= 0)
        {
            delimiters++;
            rest = rest[(i + 1)..];
        }

        return delimiters;
    }

    [Benchmark]
    public long Tokenizer()
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        var tokenizer = new EdifactTokenizer(stream);
        long tokens = 0;
        while (tokenizer.Read())
        {
            tokens += tokenizer.Tokens.Length;
        }

        return tokens;
    }

    [Benchmark]
    public long Reader()
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        long segments = 0;
        foreach (var item in EdifactReader.Read(stream))
        {
            segments += item is MessageRead m ? m.Message.Segments.Count : 0;
        }

        return segments;
    }
}
