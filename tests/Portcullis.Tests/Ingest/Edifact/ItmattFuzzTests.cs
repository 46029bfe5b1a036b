using System.Text;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Tests.Ingest.Edifact;

/// <summary>
/// Mutated ITMATT interchanges, seeded so a failure can be replayed: reader and mapping together
/// answer every input with items, documents or a rejection that says what and where; never with
/// another exception.
/// </summary>
public sealed class ItmattFuzzTests
{
    private const string Seed =
        "UNA:+.? 'UNB+UNOC:3+NLPOST+NLCUSTOMS+261120:0800+P1'UNH+1+ITMATT:1:1:UP'BGM++ITM-1+9'DTM+137:202611200800:203'"
        + "NAD+CA+NLPOST::ZZZ++PostNL+++++NL'CNI+1+CX473124829NL'DTM+137:202611191015:203'DTM+200:202611200812:203'"
        + "LOC+5+NLAMS:139:6'LOC+7+USNYC:139:6'LOC+27+NL'NAD+CZ+++Jan de Vries+Dorpsstraat 1+Utrecht++3511AA+NL'"
        + "NAD+CN+++Mary Smith+5th Avenue 10+New York++10001+US'MEA+AAE+G+KGM:1.25'GID+1+2'FTX+AAA+++Cotton T-shirts'"
        + "PIA+5+610910:HS'MEA+AAE+N+KGM:0.4'MOA+123:25.50:EUR'LOC+27+GB'GID+2+1'FTX+AAA+++Book'PIA+5+490199:HS'"
        + "MEA+AAE+N+KGM:0.6'MOA+123:12:EUR'UNT+25+1'UNZ+1+P1'";

    [Fact]
    public void The_seed_is_read_whole_without_warnings()
    {
        var (documents, rejections) = ReadAndMap(Encoding.Latin1.GetBytes(Seed), "seed");

        Assert.Equal(0, rejections);
        var item = Assert.Single(Assert.Single(documents).Consignments);
        Assert.Equal("CX473124829NL", item.Reference);
        Assert.Empty(documents[0].Warnings);
    }

    [Fact]
    public async Task Thousands_of_mutations_are_answered_without_exceptions()
    {
        var random = new Random(20261120);
        var cases = 4000;
        var rejectedCases = 0;
        var warnedCases = 0;
        var work = Task.Run(() =>
        {
            for (var n = 0; n < cases; n++)
            {
                var input = Mutate(random, Encoding.Latin1.GetBytes(Seed));
                var (documents, rejections) = ReadAndMap(input, $"case {n}");
                rejectedCases += rejections > 0 ? 1 : 0;
                warnedCases += documents.Any(d => d.Warnings.Count > 0) ? 1 : 0;
            }
        });

        await work.WaitAsync(TimeSpan.FromSeconds(40), TestContext.Current.CancellationToken);
        // The mutations must break something often and only bend it sometimes, or the test proves little.
        Assert.InRange(rejectedCases, cases / 3, cases);
        Assert.InRange(warnedCases, 1, cases);
    }

    private static (List<ManifestDocument> Documents, int Rejections) ReadAndMap(byte[] input, string label)
    {
        var documents = new List<ManifestDocument>();
        var rejections = 0;
        List<InterchangeItem> items;
        try
        {
            items = [.. EdifactReader.Read(new MemoryStream(input), EdifactReaderOptions.Default)];
        }
        catch (Exception e)
        {
            Assert.Fail($"{label}: the reader threw {e.GetType().Name}: {e.Message} on input {Convert.ToBase64String(input)}");
            throw;
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case MessageRead read:
                    try
                    {
                        documents.Add(Assert.IsType<MappedManifest>(EdifactMessages.Map(read.Message)).Document);
                    }
                    catch (IngestRejectedException ex)
                    {
                        rejections++;
                        Check(ex.Issue, label);
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                    {
                        Assert.Fail($"{label}: the mapping threw {e.GetType().Name}: {e.Message} on input {Convert.ToBase64String(input)}");
                    }

                    break;
                case MessageRejected rejected:
                    rejections++;
                    Check(rejected.Error, label);
                    break;
                case InterchangeFailed failed:
                    rejections++;
                    Check(failed.Error, label);
                    break;
            }
        }

        foreach (var warning in documents.SelectMany(d => d.Warnings))
        {
            Assert.NotNull(warning.Position);
            Assert.False(string.IsNullOrWhiteSpace(warning.Message), $"{label}: empty warning");
        }

        return (documents, rejections);
    }

    private static void Check(IngestIssue issue, string label)
    {
        Assert.False(string.IsNullOrWhiteSpace(issue.Message), $"{label}: empty error message");
        Assert.False(string.IsNullOrWhiteSpace(issue.Code), $"{label}: empty error code");
        Assert.NotNull(issue.Position);
    }

    /// <summary>Byte and segment level damage: cut, flip, drop separators, swap digits, repeat, insert garbage.</summary>
    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = seed.ToList();
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            switch (random.Next(7))
            {
                case 0:
                    data.RemoveRange(random.Next(data.Count), 1);
                    break;
                case 1:
                    data[random.Next(data.Count)] = (byte)random.Next(32, 127);
                    break;
                case 2:
                    var separator = "'+:"[random.Next(3)];
                    var at = data.FindIndex(random.Next(data.Count), b => b == separator);
                    if (at >= 0)
                    {
                        data.RemoveAt(at);
                    }

                    break;
                case 3:
                    var digits = Enumerable.Range(0, data.Count).Where(i => data[i] is >= (byte)'0' and <= (byte)'9').ToList();
                    if (digits.Count > 0)
                    {
                        data[digits[random.Next(digits.Count)]] = (byte)('0' + random.Next(10));
                    }

                    break;
                case 4:
                    // A whole segment repeated or moved elsewhere: order inside the message matters to the mapping.
                    var starts = Enumerable.Range(0, data.Count).Where(i => data[i] == (byte)'\'').ToList();
                    if (starts.Count < 2)
                    {
                        break;
                    }

                    var from = starts[random.Next(starts.Count - 1)] + 1;
                    var to = data.FindIndex(from, b => b == (byte)'\'');
                    if (to > from)
                    {
                        var segment = data.GetRange(from, to - from + 1);
                        if (random.Next(2) == 0)
                        {
                            data.RemoveRange(from, segment.Count);
                        }

                        data.InsertRange(Math.Min(starts[random.Next(starts.Count)] + 1, data.Count), segment);
                    }

                    break;
                case 5:
                    var garbage = new byte[random.Next(1, 20)];
                    random.NextBytes(garbage);
                    data.InsertRange(random.Next(data.Count + 1), garbage);
                    break;
                default:
                    var start = random.Next(data.Count);
                    data.RemoveRange(start, Math.Min(data.Count - start, random.Next(1, 30)));
                    break;
            }
        }

        return [.. data];
    }
}
