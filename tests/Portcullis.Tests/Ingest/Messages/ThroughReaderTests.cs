using System.Text;
using Portcullis.Domain.Standards;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Tests.Ingest.MessageMappings;

/// <summary>Hand-written interchanges through the real reader into the mappings.</summary>
public sealed class ThroughReaderTests
{
    private static readonly string Box = ContainerNumber.Create("MSKU", 'U', 123456).Value;

    private static string Cuscar(string una) =>
        una + "UNB+UNOC:3+CARRIER+PORTCULLIS+250303:0800+IC1'" +
        "UNH+1+CUSCAR:D:95B:UN'BGM+85+C1+9'TDT+20+V1+1++MAEU'CNI+1+BL1'RFF+BM:BL1'GID+1+10:CT'MEA+AAE+G+KGM:1234,5'" +
        $"EQD+CN+{Box}+45R1'SEL+S?+1+CA'UNT+10+1'UNZ+1+IC1'";

    [Fact]
    public void A_decimal_comma_announced_in_UNA_reads_silently()
    {
        var mapped = Map(Cuscar("UNA:+,? '"));
        var c = Assert.Single(mapped.Document.Consignments);
        Assert.Equal(1234.5, Assert.Single(c.Goods).GrossKg);
        Assert.Equal("S+1", Assert.Single(Assert.Single(c.Equipment).Seals));
        Assert.Empty(mapped.Warnings);
    }

    [Fact]
    public void A_decimal_comma_without_UNA_reads_with_a_warning_at_its_segment()
    {
        var mapped = Map(Cuscar(""));
        Assert.Equal(1234.5, Assert.Single(Assert.Single(mapped.Document.Consignments).Goods).GrossKg);
        var warning = Assert.Single(mapped.Warnings);
        Assert.Equal(("edifact.decimal-comma", 7, "1"), (warning.Code, warning.Position?.SegmentNumber, warning.Position?.MessageReference));
    }

    private static MappedManifest Map(string interchange)
    {
        var message = Assert.Single(EdifactReader.ReadAll(Encoding.Latin1.GetBytes(interchange)).OfType<MessageRead>()).Message;
        return Assert.IsType<MappedManifest>(EdifactMessages.Map(message));
    }
}
