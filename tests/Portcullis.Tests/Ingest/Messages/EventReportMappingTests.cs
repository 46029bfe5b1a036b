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
    public void A_container_without_event_time_is_skipped_with_a_warning_at_its_EQD_and_the_others_land()
    {
        var document = CodecoMapping.Read(Edi.Message("CODECO", $"BGM+34+G1+9'LOC+165+NLRTM'EQD+CN+{BoxA}'SEL+S1+CA'EQD+CN+{BoxB}'DTM+7:202503041400:203'"));

        var warning = Assert.Single(document.Warnings);
        Assert.Equal("codeco.missing-time", warning.Code);
        Assert.Equal(4, warning.Position?.SegmentNumber);
        Assert.Contains("DTM+7", warning.Message, StringComparison.Ordinal);
        Assert.Equal(BoxB, Assert.Single(document.Events).ContainerNumber);
    }

    [Fact]
    public void An_unreadable_event_time_skips_that_event_and_quotes_the_value()
    {
        var document = CodecoMapping.Read(Edi.Message("CODECO", $"BGM+34+G1+9'LOC+165+NLRTM'EQD+CN+{BoxA}'DTM+7:2025030414:203'"));

        Assert.Empty(document.Events);
        Assert.Equal(["edifact.unreadable-date", "codeco.missing-time"], document.Warnings.Select(w => w.Code).ToList());
        Assert.Contains("'2025030414'", document.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal(5, document.Warnings[0].Position?.SegmentNumber);
    }

    [Fact]
    public void A_report_without_BGM_is_rejected()
    {
        var issue = Edi.Rejection(() => CodecoMapping.Read(Edi.Message("CODECO", $"EQD+CN+{BoxA}'DTM+7:202503041400:203'LOC+165+NLRTM'")));
        Assert.Equal("codeco.missing-bgm", issue.Code);
        Assert.Equal(1, issue.Position?.SegmentNumber);
    }

    [Fact]
    public void A_bad_check_digit_in_an_event_report_is_kept_as_sent_with_a_warning_at_its_EQD()
    {
        var wrong = BoxB[..10] + (char)('0' + ((BoxB[10] - '0' + 3) % 10));
        var document = CoarriMapping.Read(Edi.Message("COARRI", $"BGM+98+R1+9'LOC+11+NLRTM'EQD+CN+{BoxA}'DTM+203:202503031015:203'EQD+CN+{wrong}'DTM+203:202503031020:203'"));

        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("edifact.unverified-container-number", 6), (warning.Code, warning.Position?.SegmentNumber));
        Assert.Equal([BoxA, wrong], document.Events.Select(e => e.ContainerNumber).ToList());
    }

    [Fact]
    public void An_empty_container_number_rejects_the_report_at_its_EQD()
    {
        var issue = Edi.Rejection(() => CoarriMapping.Read(Edi.Message("COARRI", $"BGM+98+R1+9'LOC+11+NLRTM'EQD+CN++45G1'DTM+203:202503031015:203'")));
        Assert.Equal(("edifact.missing-container-number", 4), (issue.Code, issue.Position?.SegmentNumber));
    }

    [Theory]
    [InlineData("119", ContainerEventType.Discharge)]
    [InlineData("122", ContainerEventType.Load)]
    public void COARRI_document_codes_119_and_122_are_read_as_discharge_and_loading_reports_with_a_warning(string code, ContainerEventType expected)
    {
        var document = CoarriMapping.Read(Edi.Message("COARRI", $"BGM+{code}+R1+9'LOC+11+NLRTM'LOC+9+NLRTM'EQD+CN+{BoxA}'DTM+203:202503031015:203'"));

        Assert.Equal(expected, Assert.Single(document.Events).Type);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal("coarri.unusual-report-type", warning.Code);
        Assert.Contains(code == "119" ? "transport discharge report" : "transport loading report", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_place_that_is_not_a_UN_LOCODE_is_kept_as_free_text()
    {
        var document = CodecoMapping.Read(Edi.Message("CODECO", $"BGM+34+G1+9'EQD+CN+{BoxA}'DTM+7:202503041400:203'LOC+165+DEPOT001:139:6'"));

        var stored = Assert.Single(document.Events);
        Assert.Equal(("", "DEPOT001"), (stored.UnLocode, stored.PlaceName));
        Assert.Equal(("edifact.not-a-locode", 5), (document.Warnings[0].Code, document.Warnings[0].Position?.SegmentNumber)); // UNH 1, BGM 2, EQD 3, DTM 4, LOC 5
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
