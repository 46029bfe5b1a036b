using System.Text;
using Portcullis.Ingest.Edifact;
using static Portcullis.Tests.Ingest.Edifact.EdifactTestData;

namespace Portcullis.Tests.Ingest.Edifact;

/// <summary>
/// Mutated interchanges, seeded so a failure can be replayed: the reader must answer every input
/// with items (never an exception, never a hang), and every rejection must say what and where.
/// </summary>
public sealed class EdifactFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        Encoding.ASCII.GetBytes(TwoMessages),
        Encoding.ASCII.GetBytes("UNA:+.? '\r\n" + TwoMessages.Replace("\n", "\r\n", StringComparison.Ordinal) + TwoMessages.Replace("REF1", "REF2", StringComparison.Ordinal)),
        Encoding.UTF8.GetBytes("UNB+UNOY:4+S:ZZ+R:ZZ+20250303:1200+R1'UNH+1+CUSCAR:D:95B:UN'NAD+CZ+A:1*B:2+Zoë 東京?'s'FTX+AAA+++X?+Y'UNT+4+1'UNZ+1+R1'"),
        Encoding.ASCII.GetBytes("UNB+UNOA:3+S+R+250303:1200+R1'UNG+CUSCAR+S+R+250303:1200+G1+UN+D:95B'UNH+1+CUSCAR:D:95B:UN'BGM+85+D1+9'UNT+3+1'UNE+1+G1'UNZ+1+R1'"),
        Encoding.ASCII.GetBytes("UNA|^,! ~UNB^UNOA|3^S^R^250303|1200^R1~UNH^1^CUSCAR|D|95B|UN~FTX^AAA^^^PLUS+!~|X~UNT^3^1~UNZ^1^R1~"),
    ];

    [Fact]
    public void Unmutated_seeds_are_read_without_rejections()
    {
        foreach (var seed in Seeds)
        {
            var items = EdifactReader.ReadAll(seed);
            Assert.DoesNotContain(items, i => i is MessageRejected or InterchangeFailed);
            Assert.NotEmpty(EdifactTestData.Messages(items));
        }
    }

    [Fact]
    public async Task Thousands_of_mutations_are_answered_without_exceptions()
    {
        var random = new Random(20250303);
        var cases = 6000;
        var rejectedCases = 0;
        var work = Task.Run(() =>
        {
            for (var n = 0; n < cases; n++)
            {
                var input = Mutate(random, Seeds[random.Next(Seeds.Length)]);
                var options = new EdifactReaderOptions { BufferSize = 16 + random.Next(64), MaxSegmentLength = 64 + random.Next(512) };
                var items = ReadChecked(input, options, $"case {n}");
                rejectedCases += items.Any(i => i is MessageRejected or InterchangeFailed) ? 1 : 0;
                if (n % 25 == 0)
                {
                    // Chunk boundaries must never change the outcome.
                    var trickled = EdifactReader.Read(new OneByteStream(input), options).ToList();
                    Assert.Equal(Describe(items), Describe(trickled));
                }
            }
        });

        await work.WaitAsync(TimeSpan.FromSeconds(40), TestContext.Current.CancellationToken);
        // The mutations must mostly break something, or the test proves little.
        Assert.InRange(rejectedCases, cases / 2, cases);
    }

    [Fact]
    public void Random_garbage_is_answered_without_exceptions()
    {
        var random = new Random(7);
        for (var n = 0; n < 1000; n++)
        {
            var input = new byte[random.Next(0, 400)];
            random.NextBytes(input);
            if (n % 2 == 0)
            {
                // Garbage behind a valid start exercises the interchange state rather than the first segment.
                input = [.. Seeds[0].AsSpan(0, 60), .. input];
            }

            var items = ReadChecked(input, EdifactReaderOptions.Default, $"garbage {n}");
            Assert.NotEmpty(items);
        }
    }

    [Theory]
    [InlineData(3 << 20)]
    [InlineData(5 << 20)]
    public void Field_of_several_megabytes_is_a_clear_rejection(int size)
    {
        var text = TwoMessages.Replace("DOC1", new string('X', size), StringComparison.Ordinal);

        var items = ReadChecked(Encoding.ASCII.GetBytes(text), EdifactReaderOptions.Default, "huge field");

        Assert.Equal("edifact.segment-too-long", Single<MessageRejected>(items).Error.Code);
        Assert.Equal(["M2"], EdifactTestData.Messages(items).Select(m => m.Reference));
    }

    [Fact]
    public void Field_of_several_megabytes_is_read_when_the_limit_allows_it()
    {
        var text = TwoMessages.Replace("DOC1", new string('X', 3 << 20), StringComparison.Ordinal);

        var items = ReadChecked(Encoding.ASCII.GetBytes(text), new EdifactReaderOptions { MaxSegmentLength = 4 << 20 }, "allowed huge field");

        Assert.Equal(3 << 20, EdifactTestData.Messages(items)[0].Segments[0].Get(1).Length);
    }

    [Fact]
    public void Message_larger_than_the_limit_is_rejected_and_the_next_is_read()
    {
        var many = string.Concat(Enumerable.Repeat("FTX+AAA+++0123456789012345678901234567890123456789'\n", 200));
        var text = TwoMessages.Replace("BGM+85+DOC1+9'\n", many, StringComparison.Ordinal).Replace("UNT+4+M1", "UNT+202+M1", StringComparison.Ordinal);

        var items = ReadChecked(Encoding.ASCII.GetBytes(text), new EdifactReaderOptions { MaxMessageBytes = 4000 }, "big message");

        Assert.Equal("edifact.message-too-large", Single<MessageRejected>(items).Error.Code);
        Assert.Equal(["M2"], EdifactTestData.Messages(items).Select(m => m.Reference));
    }

    [Fact]
    [Trait("Category", "security")]
    public void A_message_over_the_limit_keeps_nothing_of_itself_and_names_the_setting()
    {
        using var huge = new LargeEdifact("HUGE", 1 << 20);
        var options = new EdifactReaderOptions { MaxMessageBytes = 10_000, MaxMessageBytesSetting = "Ingest:MaxMessageBytes" };

        var items = EdifactReader.Read(huge, options).ToList();

        var rejected = Single<MessageRejected>(items);
        Assert.Equal("Message 1 is larger than the limit of 10000 bytes (Ingest:MaxMessageBytes); split it into smaller messages or raise Ingest:MaxMessageBytes.", rejected.Error.Message);
        Assert.Equal(12, rejected.Error.Position!.SegmentNumber);
        Assert.Equal("", rejected.RawText);
        Assert.IsType<InterchangeEnded>(items[^1]);
    }

    private static List<InterchangeItem> ReadChecked(byte[] input, EdifactReaderOptions options, string label)
    {
        List<InterchangeItem> items;
        try
        {
            items = [.. EdifactReader.Read(new MemoryStream(input), options)];
        }
        catch (Exception e)
        {
            Assert.Fail($"{label}: the reader threw {e.GetType().Name}: {e.Message} on input {Convert.ToBase64String(input)}");
            throw;
        }

        Assert.True(items.Count <= input.Length + 2, $"{label}: {items.Count} items for {input.Length} bytes");
        var open = false;
        foreach (var item in items)
        {
            switch (item)
            {
                case InterchangeStarted:
                    Assert.False(open, $"{label}: an interchange started inside another");
                    open = true;
                    break;
                case MessageRead or MessageRejected:
                    Assert.True(open, $"{label}: a message outside an interchange");
                    break;
                case InterchangeEnded:
                    Assert.True(open, $"{label}: an end without a start");
                    open = false;
                    break;
                case InterchangeFailed failed:
                    Assert.True(open || failed.Header is null, $"{label}: a failure names an interchange that is not open");
                    open = false;
                    break;
            }

            var error = item switch
            {
                MessageRejected r => r.Error,
                InterchangeFailed f => f.Error,
                _ => null,
            };
            if (error is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message), $"{label}: empty error message");
                Assert.False(string.IsNullOrWhiteSpace(error.Code), $"{label}: empty error code");
                Assert.NotNull(error.Position);
                Assert.InRange(error.Position.ByteOffset, 0, input.Length);
                Assert.True(error.Position.Line >= 1 && error.Position.Column >= 1, $"{label}: position {error.Position}");
            }
        }

        Assert.False(open, $"{label}: an interchange was left open");
        return items;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = seed.ToList();
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            switch (random.Next(9))
            {
                case 0:
                    var cut = random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                case 1:
                    data[random.Next(data.Count)] = (byte)random.Next(256);
                    break;
                case 2:
                    var separator = "'+:?*\n"[random.Next(6)];
                    data.RemoveAll(b => b == separator && random.Next(3) == 0);
                    break;
                case 3:
                    // Counts and references: a digit changed anywhere.
                    var digits = Enumerable.Range(0, data.Count).Where(i => data[i] is >= (byte)'0' and <= (byte)'9').ToList();
                    if (digits.Count > 0)
                    {
                        data[digits[random.Next(digits.Count)]] = (byte)('0' + random.Next(10));
                    }

                    break;
                case 4:
                    data.Insert(random.Next(data.Count + 1), (byte)"'+:?* \r\n"[random.Next(8)]);
                    break;
                case 5:
                    var start = random.Next(data.Count);
                    var length = Math.Min(random.Next(40), data.Count - start);
                    data.InsertRange(random.Next(data.Count), data.GetRange(start, length));
                    break;
                case 6:
                    data.InsertRange(random.Next(data.Count + 1), Enumerable.Repeat((byte)'X', random.Next(100, 1200)));
                    break;
                case 7:
                    var garbage = new byte[random.Next(1, 30)];
                    random.NextBytes(garbage);
                    data.InsertRange(random.Next(data.Count + 1), garbage);
                    break;
                default:
                    var from = random.Next(data.Count);
                    data.RemoveRange(from, Math.Min(data.Count - from, random.Next(1, 20)));
                    break;
            }
        }

        return [.. data];
    }
}
