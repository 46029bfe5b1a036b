using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact.Messages;

namespace Portcullis.Tests.Ingest.MessageMappings;

public sealed class BaplieMappingTests
{
    private static readonly string BoxA = ContainerNumber.Create("MSKU", 'U', 100001).Value;
    private static readonly string BoxB = ContainerNumber.Create("CMAU", 'U', 200002).Value;

    private static readonly string Plan = $"""
        BGM++BP1+9'
        DTM+137:202503020800:203'
        TDT+20+0MA3RW1MA+1++MAEU:172:20+++9778791:146:11:MAERSK GUAYAQUIL'
        LOC+5+ECGYE:139:6'
        LOC+61+NLRTM:139:6'
        DTM+178:202503030600:203'
        DTM+136:202503040600:203'
        LOC+147+0100282::5'
        MEA+WT++KGM:24000'
        TMP+2+-18.5:CEL'
        LOC+9+ECGYE'
        LOC+11+NLRTM'
        RFF+BM:1'
        EQD+CN+{BoxA}+45R1+++5'
        NAD+CA+MAEU:172:20'
        LOC+147+0120084::5'
        LOC+9+PAMIT'
        LOC+11+NLRTM'
        EQD+CN+{BoxB}+22G1+++5'
        """;

    [Fact]
    public void Each_stowage_cell_gives_container_position_ports_and_set_point()
    {
        var document = BaplieMapping.Read(Edi.Message("BAPLIE", Plan));
        Assert.Empty(document.Warnings);
        Assert.Equal(("MAEU", "0MA3RW1MA", "MAERSK GUAYAQUIL", "9778791"), (document.Movement.Carrier, document.Movement.Reference, document.Movement.MeansName, document.Movement.MeansId));
        Assert.Equal(
            [
                new CallRecord("ECGYE", null, null),
                new CallRecord("NLRTM", new DateTime(2025, 3, 3, 6, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 4, 6, 0, 0, DateTimeKind.Utc)),
            ],
            document.Movement.Calls);
        Assert.Equal(
            [
                new StowageRecord(BoxA, "45R1", true, "0100282", "ECGYE", "NLRTM", -18.5),
                new StowageRecord(BoxB, "22G1", false, "0120084", "PAMIT", "NLRTM", null),
            ],
            document.Stowage);
    }

    [Fact]
    public void A_bay_plan_without_TDT_is_rejected()
    {
        var issue = Edi.Rejection(() => BaplieMapping.Read(Edi.Message("BAPLIE", $"BGM++BP1+9'LOC+147+0100282::5'EQD+CN+{BoxA}'")));
        Assert.Equal("baplie.missing-tdt", issue.Code);
    }

    [Fact]
    public void A_bad_port_in_a_stowage_cell_is_left_empty_with_a_warning_at_its_LOC()
    {
        var document = BaplieMapping.Read(Edi.Message("BAPLIE", Plan.Replace("LOC+9+PAMIT", "LOC+9+PAM", StringComparison.Ordinal)));

        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("edifact.not-a-locode", 18), (warning.Code, warning.Position?.SegmentNumber));
        Assert.Contains("'PAM'", warning.Message, StringComparison.Ordinal);
        Assert.Contains(document.Stowage, s => s.PortOfLoading is null);
    }

    [Fact]
    public void Equipment_that_is_not_a_container_leaves_its_cell_empty_with_a_warning()
    {
        var document = BaplieMapping.Read(Edi.Message("BAPLIE", "BGM++BP1+9'TDT+20+V1+++MSC:172:20'LOC+147+0100282::5'EQD+CH+CHASSIS1'" + $"LOC+147+0100284::5'EQD+CN+{BoxA}'"));

        Assert.Equal(BoxA, Assert.Single(document.Stowage).ContainerNumber);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(("baplie.not-a-container", 5), (warning.Code, warning.Position?.SegmentNumber)); // UNH, BGM, TDT, LOC, EQD
        Assert.Contains("CH (chassis)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_departure_place_that_is_not_a_UN_LOCODE_is_kept_as_a_free_text_call()
    {
        var document = BaplieMapping.Read(Edi.Message("BAPLIE", "BGM++BP1+9'TDT+20+V1+++MSC:172:20'LOC+5+DEPARTPLACE'DTM+178:0910301230:201'" + $"LOC+147+0100282::5'EQD+CN+{BoxA}'"));

        var call = Assert.Single(document.Movement.Calls);
        Assert.Equal(("", "DEPARTPLACE", new DateTime(2009, 10, 30, 12, 30, 0, DateTimeKind.Utc)), (call.UnLocode, call.PlaceName, call.Arrival));
        Assert.Equal("edifact.not-a-locode", Assert.Single(document.Warnings).Code);
    }
}
