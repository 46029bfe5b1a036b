using Portcullis.Ingest;
using Portcullis.Ingest.Csv;
using static Portcullis.Tests.Ingest.Csv.CsvTestKit;

namespace Portcullis.Tests.Ingest.Csv;

public sealed class CsvFuzzTests
{
    private static readonly byte[] Noise = "\",;\t|\r\n\0\\'x9.-é"u8.ToArray();

    [Fact]
    public void Mutated_files_only_ever_yield_rows_or_an_ingest_rejection()
    {
        var valid = File.ReadAllBytes(SamplePath("kcs-declarations.csv"));
        var mapping = CsvMapping.Load(MappingPath("kcs-customs-declarations.yaml"));
        var random = new Random(20250303);
        int accepted = 0, rejected = 0, fileErrors = 0;
        for (var i = 0; i < 3000; i++)
        {
            var input = Mutate(valid, random);
            try
            {
                foreach (var row in Read(input, mapping))
                {
                    Assert.True(row.Accepted ^ row.Issue is not null);
                    _ = row.Accepted ? accepted++ : rejected++;
                }
            }
            catch (IngestRejectedException)
            {
                fileErrors++;
            }
        }

        // The mutations must actually reach all three outcomes, or the test proves little.
        Assert.True(accepted > 0 && rejected > 0 && fileErrors > 0, $"{accepted} accepted, {rejected} rejected, {fileErrors} file errors");
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        for (var n = random.Next(1, 6); n > 0 && bytes.Count > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    var from = random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, Math.Min(40, bytes.Count - from)));
                    break;
            }
        }

        return [.. bytes];
    }
}
