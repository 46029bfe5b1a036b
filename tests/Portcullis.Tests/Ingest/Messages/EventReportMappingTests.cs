using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Tests.Ingest.MessageMappings;

public sealed class EventReportMappingTests
{
    private static readonly string BoxA = ContainerNumber.Create("MSKU", 'U', 100001).Value;
    private static readonly string BoxB = ContainerNumber.Create("CMAU", 'U', 200002).Value;

    [Theory]
    [InlineData("98", ContainerEventType.Discharge, "11")]
    [InlineData("44", ContainerEventType.Discharge, "11")]
    [InlineData("270", ContainerEventType.Load, "9")]
    [InlineData("46", ContainerEventType.Load, "9")]
    public void COARRI_report_type_gives_the_event_type_of_every_container(string code, ContainerEventType expected, string place)
    {
        var body = $"""
            BGM+{code}+R1+9'
            TDT+20+0MA3RW1MA+1++MAEU:172:20'
            LOC+{place}+NLRTM:139:6+ECT DELTA:TER:ZZZ'
            EQD+CN+{BoxA}+45R1:102:5'
            DTM+203:202503031015:203'
            LOC+147+0100282::5'
            SEL+EC123456+CA'
            EQD+CN+{BoxB}'
            DTM+203:20250303102530:204'
            LOC+{place}+NLRTM:139:6+APM MV2:TER:ZZZ'
            """;
        var document = CoarriMapping.Read(Edi.Message("COARRI", body, sender: "ECTDELTA"));
        Assert.Equal("COARRI", document.MessageType);
        Assert.Empty(document.Warnings);
        Assert.Equal(
            [
                new ContainerEventRecord(null, BoxA, expected, new DateTime(2025, 3, 3, 10, 15, 0, DateTimeKind.Utc), "NLRTM", "ECT DELTA", "EC123456", "ECTDELTA", "0MA3RW1MA", null, null, null),
                new ContainerEventRecord(null, BoxB, expected, new DateTime(2025, 3, 3, 10, 25, 30, DateTimeKind.Utc), "NLRTM", "APM MV2", null, "ECTDELTA", "0MA3RW1MA", null, null, null),
            ],
            document.Events);
    }

    [Theory]
    [InlineData("34", ContainerEventType.GateIn, "3", "road")]
    [InlineData("36", ContainerEventType.GateOut, "2", "rail")]
    [InlineData("36", ContainerEventType.GateOut, "8", "barge")]
    public void CODECO_gate_report_gives_type_time_place_seal_and_inland_mode(string code, ContainerEventType type, string mode, string inland)
    {
        var body = $"""
            BGM+{code}+G1+9'
            NAD+MS+ECTDELTA'
            EQD+CN+{BoxA}+22G1:102:5'
            DTM+7:202503041400:203'
            LOC+165+NLRTM:139:6+GATE 3:TER:ZZZ'
            SEL+SEAL77+CA'
            TDT+1+XK-123-B+{mode}'
            """;
        var e = Assert.Single(CodecoMapping.Read(Edi.Message("CODECO", body, sender: "GATEKEEPER")).Events);
        Assert.Equal(new ContainerEventRecord(null, BoxA, type, new DateTime(2025, 3, 4, 14, 0, 0, DateTimeKind.Utc), "NLRTM", "GATE 3", "SEAL77", "GATEKEEPER", "XK-123-B", inland, null, null), e);
    }

    [Fact]
    public void The_message_level_place_serves_containers_without_their_own()
    {
        var body = $"""
            BGM+98+R1+9'
            LOC+11+BEANR:139:6+MPET:TER:ZZZ'
            EQD+CN+{BoxA}'
            DTM+203:202503031015:203'
            """;
        var e = Assert.Single(CoarriMapping.Read(Edi.Message("COARRI", body)).Events);
        Assert.Equal(("BEANR", "MPET"), (e.UnLocode, e.Facility));
    }

    [Theory]
    [InlineData("98", "NLRTM")]
    [InlineData("270", "ECGYE")]
    public void A_container_s_own_ports_place_a_discharge_at_LOC_11_and_a_load_at_LOC_9(string code, string expected)
    {
        var body = $"""
            BGM+{code}+R1+9'
            EQD+CN+{BoxA}'
            DTM+203:202503031015:203'
            LOC+9+ECGYE:139:6'
            LOC+11+NLRTM:139:6'
            """;
        Assert.Equal(expected, Assert.Single(CoarriMapping.Read(Edi.Message("COARRI", body)).Events).UnLocode);
    }

    [Fact]
    public void A_COARRI_report_type_we_do_not_read_is_rejected_at_BGM()
    {
        var issue = Edi.Rejection(() => CoarriMapping.Read(Edi.Message("COARRI", $"BGM+34+R1+9'EQD+CN+{BoxA}'")));
        Assert.Equal("coarri.bad-report-type", issue.Code);
        Assert.Equal(2, issue.Position?.SegmentNumber);
    }

    [Fact]
    public void A_container_without_event_time_is_rejected_at_its_EQD()
    {
        var issue = Edi.Rejection(() => CodecoMapping.Read(Edi.Message("CODECO", $"BGM+34+G1+9'LOC+165+NLRTM'EQD+CN+{BoxA}'SEL+S1+CA'")));
        Assert.Equal("codeco.missing-time", issue.Code);
        Assert.Equal(4, issue.Position?.SegmentNumber);
        Assert.Contains("DTM+7", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_BGM_is_rejected()
    {
        var issue = Edi.Rejection(() => CodecoMapping.Read(Edi.Message("CODECO", $"EQD+CN+{BoxA}'DTM+7:202503041400:203'LOC+165+NLRTM'")));
        Assert.Equal("codeco.missing-bgm", issue.Code);
        Assert.Equal(1, issue.Position?.SegmentNumber);
    }

    [Fact]
    public void A_bad_check_digit_in_an_event_report_is_rejected_at_its_EQD()
    {
        var wrong = BoxB[..10] + (char)('0' + ((BoxB[10] - '0' + 3) % 10));
        var issue = Edi.Rejection(() => CoarriMapping.Read(Edi.Message("COARRI", $"BGM+98+R1+9'LOC+11+NLRTM'EQD+CN+{BoxA}'DTM+203:202503031015:203'EQD+CN+{wrong}'")));
        Assert.Equal("edifact.bad-container-number", issue.Code);
        Assert.Equal(6, issue.Position?.SegmentNumber);
    }

    [Fact]
    public void Unknown_segments_in_an_event_report_are_warned()
    {
        var document = CoarriMapping.Read(Edi.Message("COARRI", $"BGM+98+R1+9'LOC+11+NLRTM'EQD+CN+{BoxA}'DTM+203:202503031015:203'QQQ+1'"));
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("edifact.unknown-segment", 6), (warning.Code, warning.Position?.SegmentNumber));
        Assert.Single(document.Events);
    }
}
