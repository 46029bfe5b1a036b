using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Tests.Ingest.MessageMappings;

public sealed class EdifactMessagesTests
{
    private static readonly string Box = ContainerNumber.Create("MSKU", 'U', 100001).Value;

    [Fact]
    public void Each_supported_type_is_dispatched_to_its_mapping()
    {
        Assert.IsType<MappedManifest>(EdifactMessages.Map(Edi.Message("CUSCAR", "BGM+85+C1+9'TDT+20+V1+1++MAEU'CNI+1+BL1'")));
        Assert.IsType<MappedBayPlan>(EdifactMessages.Map(Edi.Message("BAPLIE", "BGM++B1+9'TDT+20+V1+1++MAEU'")));
        var coarri = Assert.IsType<MappedEventReport>(EdifactMessages.Map(Edi.Message("COARRI", $"BGM+98+R1+9'LOC+11+NLRTM'EQD+CN+{Box}'DTM+203:202503031015:203'")));
        Assert.Equal("COARRI", coarri.Document.MessageType);
        var codeco = Assert.IsType<MappedEventReport>(EdifactMessages.Map(Edi.Message("CODECO", $"BGM+34+R1+9'LOC+165+NLRTM'EQD+CN+{Box}'DTM+7:202503031015:203'")));
        Assert.Equal("CODECO", codeco.Document.MessageType);
    }

    [Fact]
    public void Any_other_type_is_rejected_with_the_list_of_supported_ones()
    {
        var issue = Edi.Rejection(() => EdifactMessages.Map(Edi.Message("IFTMIN", "BGM+610+X+9'")));
        Assert.Equal("edifact.unsupported-message", issue.Code);
        Assert.Equal("Message type IFTMIN is not supported; send CUSCAR, BAPLIE, COARRI, CODECO or ITMATT.", issue.Message);
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Equal(("M1", 1), (issue.Position?.MessageReference, issue.Position?.SegmentNumber));
    }
}
