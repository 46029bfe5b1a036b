using System.Diagnostics;
using System.Text;
using Portcullis.Ingest;
using Portcullis.Ingest.Dcsa;

namespace Portcullis.Tests.Ingest.Dcsa;

/// <summary>Seeded mutations of valid payloads: the reader may reject, but never throws anything else and never hangs.</summary>
public sealed class DcsaFuzzTests
{
    [Fact]
    public void Mutated_payloads_only_ever_give_results_or_IngestRejectedException()
    {
        var examples = Path.Combine(AppContext.BaseDirectory, "Ingest", "Dcsa", "Examples");
        var seeds = Directory.EnumerateFiles(examples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)
            .Append(DcsaEvents.Array(DcsaEvents.V3Equipment("LOAD"), DcsaEvents.V22Equipment("RSEA"), DcsaEvents.V3Door("DRC"), DcsaEvents.V22Transport("ARRI")))
            .ToList();
        var random = new Random(20250303);
        var stopwatch = Stopwatch.StartNew();
        int rejectedWhole = 0, results = 0;
        for (var i = 0; i < 4000; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                var read = DcsaEventReader.Read(input);
                Assert.All(read.Events, e => Assert.Equal(e.Outcome is DcsaOutcome.Rejected or DcsaOutcome.Skipped, e.Issue is not null));
                results++;
            }
            catch (IngestRejectedException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Issue.Message));
                rejectedWhole++;
            }
        }

        Assert.True(rejectedWhole > 100, $"{rejectedWhole} whole rejections");
        Assert.True(results > 100, $"{results} read");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        switch (random.Next(6))
        {
            case 0:
                return [.. bytes.Take(random.Next(bytes.Count))];
            case 1:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
                }

                return [.. bytes];
            case 2:
                bytes[random.Next(bytes.Count)] = (byte)"{}[]\",:0-eE\\ \n"[random.Next(14)];
                return [.. bytes];
            case 3:
                // A huge string value where a quote was.
                var quote = bytes.IndexOf((byte)'"', random.Next(bytes.Count));
                bytes.InsertRange(Math.Max(quote + 1, 0), Encoding.UTF8.GetBytes(new string('Z', random.Next(10_000, 200_000))));
                return [.. bytes];
            case 4:
                var from = random.Next(bytes.Count);
                bytes.RemoveRange(from, Math.Min(bytes.Count - from, random.Next(1, 40)));
                return [.. bytes];
            default:
                // Swap two slices' worth of structure: values turn into other types.
                var text = Encoding.UTF8.GetString([.. bytes]);
                string[] swaps = ["\"ACT\"", "\"EST\"", "null", "{}", "[]", "12", "\"\"", "\"2025-13-45T99:99:99Z\"", "\"MSKU9070324\"", "true"];
                var start = text.IndexOf(": ", random.Next(text.Length), StringComparison.Ordinal);
                if (start < 0)
                {
                    return [.. bytes];
                }

                var end = text.IndexOfAny([',', '\n', '}'], start + 2);
                return Encoding.UTF8.GetBytes(text[..(start + 2)] + swaps[random.Next(swaps.Length)] + (end < 0 ? string.Empty : text[end..]));
        }
    }
}
