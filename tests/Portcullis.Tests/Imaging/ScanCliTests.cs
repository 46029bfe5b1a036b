using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Imaging;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Imaging;

/// <summary>`portcullis scan import` as an operator runs it, and the scan drop folder.</summary>
public sealed class ScanCliTests
{
    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Scan_import_stores_single_and_dual_energy_scans_and_refuses_a_corrupt_file_with_exit_code_2()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "p.db");
        var single = Path.Combine(folder, "single.png");
        var low = Path.Combine(folder, "low.png");
        var high = Path.Combine(folder, "high.png");
        var corrupt = Path.Combine(folder, "corrupt.png");
        await File.WriteAllBytesAsync(single, ScanUploadFixtures.Png(200, 20), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(low, ScanUploadFixtures.Png(200, 20, 2000, 30000), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(high, ScanUploadFixtures.Png(200, 20, 5000, 50000), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(corrupt, [.. ScanUploadFixtures.Png(200, 20)[..50], .. new byte[100]], TestContext.Current.CancellationToken);

        var stored = await CliProcess.RunAsync(folder, "scan", "import", single, "--container", "tstu 100001-9", "--site", "BRSSZ", "--partner", "Receita Federal", "--db", db);
        var dual = await CliProcess.RunAsync(folder, "scan", "import", low, high, "--low-high", "--container", "TSTU1000019", "--scanner", "RTM-HCVM-2", "--db", db);
        var refused = await CliProcess.RunAsync(folder, "scan", "import", corrupt, "--container", "TSTU1000019", "--db", db);

        Assert.True(stored.ExitCode == 0, stored.Stdout + stored.Stderr);
        Assert.Contains("of container TSTU1000019 (Png, 200×20, 1 frame(s), Partner Receita Federal)", stored.Stdout, StringComparison.Ordinal);
        Assert.True(dual.ExitCode == 0, dual.Stdout + dual.Stderr);
        Assert.Contains("low.png + high.png: stored as scan", dual.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("corrupt.png: 'corrupt.png': ", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.Equal(2, Scalar(db, "SELECT COUNT(*) FROM scans"));
        Assert.Equal(1, Scalar(db, "SELECT COUNT(*) FROM scans WHERE FrameCount = 2 AND ScannerId = 'RTM-HCVM-2'"));
        Assert.Equal(1, Scalar(db, "SELECT COUNT(*) FROM scans WHERE Origin = 'Partner' AND Partner = 'Receita Federal' AND Site = 'BRSSZ'"));
        Assert.Equal(3, ScanUploadFixtures.Originals(Path.Combine(folder, "data", "scans")).Length);
    }

    [Fact]
    public async Task The_drop_folder_stores_good_files_in_processed_and_moves_bad_ones_to_failed_with_the_sentence()
    {
        var store = Directory.CreateTempSubdirectory("portcullis-scans-").FullName;
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false, settings: new Dictionary<string, string?> { ["Imaging:StoreFolder"] = store });
        var folder = CliProcess.TempFolder();
        await File.WriteAllBytesAsync(Path.Combine(folder, "TSTU1000019.png"), ScanUploadFixtures.Png(200, 20), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "unnamed.png"), ScanUploadFixtures.Png(200, 20, 3000, 40000), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "TSTU1000020.png"), [], TestContext.Current.CancellationToken);
        var log = new List<string>();
        var drop = ScanCommand.DropFolder(host.Services.GetRequiredService<IServiceScopeFactory>(), folder, new ImportScan.Sender("cli:test", null, Portcullis.Imaging.ScanOrigin.Own, null), "RTM-HCVM-1", "NLRTM", TimeProvider.System, log.Add);

        await drop.RecoverAsync(TestContext.Current.CancellationToken);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await drop.PollOnceAsync(sizes, TestContext.Current.CancellationToken);
        await drop.PollOnceAsync(sizes, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(folder, "processed", "TSTU1000019.png")), string.Join(Environment.NewLine, log));
        Assert.Equal(
            "subject unnamed is not a container number; give an ISO 6346 number such as CSQU3054383 (or set subjectKind to parcel or awb).",
            (await File.ReadAllTextAsync(Path.Combine(folder, "failed", "unnamed.png.error.txt"), TestContext.Current.CancellationToken)).Trim());
        Assert.Equal(
            "'TSTU1000020.png': The file is empty; send the scanner's DICOM, 16-bit PNG or 16-bit TIFF file.",
            (await File.ReadAllTextAsync(Path.Combine(folder, "failed", "TSTU1000020.png.error.txt"), TestContext.Current.CancellationToken)).Trim());
        await using var db = host.Database.CreateContext();
        var scan = await db.Scans.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("TSTU1000019", "RTM-HCVM-1", "NLRTM", "cli:test"), (scan.Subject, scan.ScannerId, scan.Site, scan.SubmittedBy));
    }
}
