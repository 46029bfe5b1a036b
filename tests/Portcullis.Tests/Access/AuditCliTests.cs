using System.Security.Cryptography;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

/// <summary>`portcullis audit verify|checkpoint|list` as a real process: exit code 0 when intact, 3 when tampered with, 2 for usage.</summary>
public sealed class AuditCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Audit_verify_exits_0_when_intact_and_3_naming_the_edited_entry(Provider provider)
    {
        var folder = CliProcess.TempFolder();
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var db = database.Target.ConnectionString;
        // The first command on a new database makes its signing key, before anything is recorded.
        var first = await CliProcess.RunAsync(folder, "audit", "list", "--db", db);
        Assert.True(first.ExitCode == 0, first.Stderr);
        await AuditLogStorageTests.RecordAsync(database, 3);

        var checkpoint = await CliProcess.RunAsync(folder, "audit", "checkpoint", "--db", db);
        Assert.True(checkpoint.ExitCode == 0, checkpoint.Stderr);
        Assert.Contains("at sequence 3", checkpoint.Stdout, StringComparison.Ordinal);

        var intact = await CliProcess.RunAsync(folder, "audit", "verify", "--db", db);
        Assert.True(intact.ExitCode == 0, intact.Stdout + intact.Stderr);
        Assert.StartsWith("Audit log intact: 3 entries, 1 checkpoints, last checkpoint at sequence 3 (", intact.Stdout, StringComparison.Ordinal);

        var list = await CliProcess.RunAsync(folder, "audit", "list", "--db", db, "--limit", "2");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("item 2", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("item 0", list.Stdout, StringComparison.Ordinal);

        // An auditor's own copy of a different public key does not vouch for these checkpoints.
        var otherKey = Path.Combine(folder, "other.pub.pem");
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(otherKey, other.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);
        }

        var wrongKey = await CliProcess.RunAsync(folder, "audit", "verify", "--db", db, "--public-key", otherKey);
        Assert.Equal(3, wrongKey.ExitCode);
        Assert.Contains("checkpoint", wrongKey.Stdout, StringComparison.Ordinal);
        var missingKey = await CliProcess.RunAsync(folder, "audit", "verify", "--db", db, "--public-key", Path.Combine(folder, "nowhere.pem"));
        Assert.Equal(2, missingKey.ExitCode);
        Assert.Contains("cannot be read", missingKey.Stderr, StringComparison.Ordinal);

        await AuditLogStorageTests.TamperAsync(database, """UPDATE audit_log SET "Detail" = 'harmless' WHERE "Sequence" = 2""");
        var tampered = await CliProcess.RunAsync(folder, "audit", "verify", "--db", db);
        Assert.True(tampered.ExitCode == 3, tampered.Stdout + tampered.Stderr);
        Assert.Contains("entry 2 (id ", tampered.Stdout, StringComparison.Ordinal);
        Assert.Contains("was edited", tampered.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_leads_is_itself_audited_and_refuses_a_bad_day_in_one_sentence_with_exit_code_2()
    {
        var folder = CliProcess.TempFolder();
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var db = database.Target.ConnectionString;

        var bad = await CliProcess.RunAsync(folder, "audit", "leads", "--db", db, "--from", "2026-13-01");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("--from '2026-13-01' is not a date; write it as yyyy-MM-dd, e.g. 2026-11-01.", bad.Stderr.Trim());

        var leads = await CliProcess.RunAsync(folder, "audit", "leads", "--db", db, "--from", "2026-11-01", "--to", "2026-11-07");
        Assert.True(leads.ExitCode == 0, leads.Stdout + leads.Stderr);
        Assert.StartsWith("0 lead(s) among ", leads.Stdout, StringComparison.Ordinal);
        await using var context = database.CreateContext();
        Assert.Equal("leads 2026-11-01..2026-11-07", context.Audit.Single(a => a.Action == "audit.leads.view").Subject);
    }
}
