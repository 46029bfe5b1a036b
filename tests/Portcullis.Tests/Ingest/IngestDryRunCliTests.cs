using Microsoft.Data.Sqlite;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>`portcullis ingest --dry-run FILE...`: what would happen, through the real CLI, with nothing stored.</summary>
public sealed class IngestDryRunCliTests
{
    private static string ThirdParty(string name) => Path.Combine(AppContext.BaseDirectory, "Ingest", "ThirdParty", name);

    private static long Count(string db, string table)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_dry_run_prints_warnings_with_positions_and_what_would_be_stored_and_stores_nothing()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var dcsa = Path.Combine(AppContext.BaseDirectory, "Ingest", "Dcsa", "Examples", "tnt-v3", "v3-events-droppickexample.json");

        var dry = await CliProcess.RunAsync(folder, "ingest", "--dry-run", ThirdParty("smartdatamodels-EdiCodeco.edi"), ThirdParty("handmade-cuscar-bgm22.edi"), dcsa, "--db", db);

        Assert.True(dry.ExitCode == 0, dry.Stdout + dry.Stderr);
        Assert.Contains("smartdatamodels-EdiCodeco.edi (Edifact): 1 would be accepted, 0 rejected; nothing was stored.", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("  CODECO 92218: would be accepted", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("    event GateIn TESI1120274 at ESHUV/CONCHUV 2023-08-11 14:47Z", dry.Stdout, StringComparison.Ordinal);
        // EQD is the 7th segment of message 92218 (UNH, BGM, TDT, RFF, NAD, NAD, EQD), on the file's only line.
        Assert.Contains("warning edifact.unverified-container-number:", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("(message 92218, segment 7, line 1, column 226 (byte 225))", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("    consignment HMBL0022 (SeaContainer, discharged at NLRTM) containers CSQU3054383", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("22 (final transmission)", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("    event GateOut APNR7744962 at NLRAM 2018-03-18 16:36Z", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Count(db, "ingest_receipts"));
        Assert.Equal(0, Count(db, "container_events"));
        Assert.Equal(0, Count(db, "consignments"));
        Assert.Equal(0, Count(db, "ingest_keys"));
    }

    [Fact]
    public async Task A_dry_run_of_Cargo_XML_shows_each_waybill_with_its_warnings_and_the_one_without_AWB_as_rejected()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var xml = Path.Combine(folder, "waybills.xml");
        // 074-12345670: 1234567 mod 7 = 5, so the check digit 0 is wrong; the second waybill has no AWB at all.
        await File.WriteAllBytesAsync(xml, Air.CargoXmlSamples.Bytes(Air.CargoXmlSamples.Waybill(awb: "074-12345670"), Air.CargoXmlSamples.Waybill(awb: "", messageId: "MSG-2")), TestContext.Current.CancellationToken);

        var dry = await CliProcess.RunAsync(folder, "ingest", "--dry-run", xml, "--db", db);

        Assert.True(dry.ExitCode == 2, dry.Stdout + dry.Stderr);
        Assert.Contains("waybills.xml (CargoXml): 1 would be accepted, 1 rejected; nothing was stored.", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("  XFWB 074-12345670: would be accepted", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("    original 074-12345670 on flight KL0566/2026-03-02", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning cargoxml.awb-check-digit:", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("error cargoxml.no-awb:", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Count(db, "consignments"));
        Assert.Equal(0, Count(db, "ingest_receipts"));
    }

    [Fact]
    public async Task A_dry_run_with_a_rejected_message_exits_2_and_names_the_problem_and_its_place()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var bad = Path.Combine(folder, "bad.edi");
        await File.WriteAllTextAsync(bad, IngestFiles.GateIn("DRY2").Replace("UNT+9+1'", "UNT+8+1'", StringComparison.Ordinal));

        var dry = await CliProcess.RunAsync(folder, "ingest", "--dry-run", bad, "--db", db);

        Assert.Equal(2, dry.ExitCode);
        Assert.Contains("bad.edi (Edifact): 0 would be accepted, 1 rejected; nothing was stored.", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("error edifact.unt-count:", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Count(db, "ingest_quarantine"));
        Assert.Equal(0, Count(db, "ingest_receipts"));
    }

    [Fact]
    public async Task A_dry_run_of_a_CSV_with_its_mapping_lists_each_row_and_the_rows_that_would_be_rejected()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var csv = Path.Combine(folder, "kcs.csv");
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Ingest", "Csv", "Samples", "kcs-declarations.csv"));
        await File.WriteAllTextAsync(csv, sample.Replace("54246886,2020-01-07,", "54246886,2020-13-07,", StringComparison.Ordinal));
        var mapping = Path.Combine(AppContext.BaseDirectory, "Ingest", "Csv", "Mappings", "kcs-customs-declarations.yaml");

        var dry = await CliProcess.RunAsync(folder, "ingest", "--dry-run", csv, "--mapping", mapping, "--db", db);

        Assert.Equal(2, dry.ExitCode);
        Assert.Contains("kcs.csv (Csv): 19 would be accepted, 1 rejected; nothing was stored.", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("  declaration row 1: would be accepted\n    consignment 91847639 (SeaContainer, hub RTM)", dry.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  declaration row 3: would be rejected", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("error csv.bad-date: Row 3", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("'2020-13-07'", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, Count(db, "consignments"));
        Assert.Equal(0, Count(db, "ingest_receipts"));
    }
}
