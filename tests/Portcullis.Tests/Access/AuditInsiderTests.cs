using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Audit;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

/// <summary>
/// The audit log against someone with direct access to the database (docs/AUDIT.md, "Insiders"):
/// rows forged with raw SQL, checkpoints deleted and the chain recomputed, a missing signing key.
/// </summary>
[Trait("Category", "security")]
public sealed class AuditInsiderTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_row_inserted_without_a_hash_is_named_by_verify_and_never_sealed(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await AuditLogStorageTests.RecordAsync(database, 3);
        var id = await ForgeUnsealedRowAsync(database, sequence: 4, at: DateTime.UtcNow.AddDays(-30));

        // Neither migrating nor appending (the places that used to seal) gives it a hash.
        await database.MigrateAsync(CancellationToken.None);
        await AuditLogStorageTests.RecordAsync(database, 2);

        await using var db = database.CreateContext();
        Assert.Equal("", await db.Audit.Where(a => a.Id == id).Select(a => a.Hash).SingleAsync());
        var result = await VerifyAuditLog.RunAsync(db, null, CancellationToken.None);
        Assert.False(result.Intact);
        Assert.Equal(AuditDefect.Unsealed, result.Defect);
        Assert.Equal(4, result.BadSequence);
        Assert.Equal(id, result.BadEntryId);
        Assert.Equal($"The audit log was tampered with: entry 4 (id {id}) has no hash, so it was inserted outside Portcullis.", result.Summary);
        // Nor can the seal command be talked into it once the chain has begun.
        Assert.Null(await AuditAppender.SealLegacyRowsAsync(db, () => { }, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_back_dated_row_with_a_correctly_computed_hash_is_named_by_verify(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await AuditLogStorageTests.RecordAsync(database, 3);
        await using var db = database.CreateContext();
        var tail = await db.Audit.AsNoTracking().OrderByDescending(a => a.Sequence).FirstAsync();
        var at = AuditChain.ToMicroseconds(tail.At.AddHours(-2));
        // The insider knows the (public) encoding and computes a hash that matches.
        var hash = AuditChain.ComputeHash(4, at, "supervisor", null, "risk.watch-list.remove", "party x", "", tail.Hash);
        await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_log ("At", "Actor", "OrganisationId", "Action", "Subject", "Detail", "Hash", "PreviousHash", "Sequence") VALUES ({at}, 'supervisor', NULL, 'risk.watch-list.remove', 'party x', '', {hash}, {tail.Hash}, 4)""");

        var result = await VerifyAuditLog.RunAsync(db, null, CancellationToken.None);
        Assert.Equal(AuditDefect.BackDated, result.Defect);
        Assert.Equal(4, result.BadSequence);
        Assert.Contains("entry 4 (id ", result.Summary, StringComparison.Ordinal);
        Assert.Contains("before entry 3", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_the_appender_writes_never_go_back_in_time_even_when_recorded_earlier()
    {
        // Two requests: the one that recorded first saves second. Its entry takes the other's time.
        var rows = AuditChainTests.Chain(3);
        var late = rows[2];
        var earlier = new AuditEntry { Id = 104, Sequence = 4, At = late.At.AddSeconds(-1), Actor = "a", Action = "b", Subject = "s", PreviousHash = late.Hash };
        earlier.RaiseAtTo(late.At);
        earlier.Hash = AuditChain.ComputeHash(earlier);
        Assert.Equal(late.At, earlier.At);
        Assert.True(AuditChain.Verify([.. rows, earlier], [], null).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deleting_every_checkpoint_and_recomputing_an_edited_chain_is_caught_by_the_external_checkpoint_log(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var key = AuditLogStorageTests.NewKey();
        var log = AuditCheckpointLog.Beside(key);
        for (var i = 0; i < 5; i++)
        {
            await AuditLogStorageTests.RecordAsync(database, 1);
            await using var db = database.CreateContext();
            Assert.NotNull(await AuditCheckpoints.WriteAsync(db, key, log, Clock, onlyIfMoved: true, CancellationToken.None));
        }

        Assert.Equal(5, File.ReadAllLines(log.Path).Length);
        await AsInsiderAsync(database, """DELETE FROM audit_checkpoints""");
        await RewriteChainAsync(database, sequence: 2, detail: "nothing happened");

        await using var check = database.CreateContext();
        using var keys = key.Ring();
        // What the database alone says: self-consistent, as the finding showed.
        var alone = await VerifyAuditLog.RunAsync(check, keys, external: null, CancellationToken.None);
        Assert.True(alone.Intact, alone.Summary);
        Assert.Equal("Audit log intact: 5 entries, 0 checkpoints.", alone.Summary);

        var result = await VerifyAuditLog.RunAsync(check, keys, log, CancellationToken.None);
        Assert.False(result.Intact);
        Assert.Equal(AuditDefect.CheckpointMismatch, result.Defect);
        Assert.Equal(2, result.BadSequence);
        Assert.Contains("in the external checkpoint log", result.Summary, StringComparison.Ordinal);
        Assert.Equal(5, result.ExternalCheckpoints);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Checkpoints_deleted_from_the_database_alone_are_named_as_missing(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var key = AuditLogStorageTests.NewKey();
        var log = AuditCheckpointLog.Beside(key);
        for (var i = 0; i < 3; i++)
        {
            await AuditLogStorageTests.RecordAsync(database, 2);
            await using var db = database.CreateContext();
            await AuditCheckpoints.WriteAsync(db, key, log, Clock, onlyIfMoved: true, CancellationToken.None);
        }

        await AsInsiderAsync(database, """DELETE FROM audit_checkpoints WHERE "Sequence" > 2""");

        await using var check = database.CreateContext();
        using var keys = key.Ring();
        var result = await VerifyAuditLog.RunAsync(check, keys, log, CancellationToken.None);
        Assert.Equal(AuditDefect.CheckpointMissing, result.Defect);
        Assert.Equal(4, result.BadSequence);
        Assert.StartsWith("The audit log was tampered with: 2 of the 3 checkpoints in the external checkpoint log are missing from the database, the first the one of ", result.Summary, StringComparison.Ordinal);

        // A line altered in the external log (e.g. to hide a checkpoint) does not pass either.
        var lines = await File.ReadAllLinesAsync(log.Path);
        await File.WriteAllLinesAsync(log.Path, [lines[0], lines[1].Replace("\"sequence\":4", "\"sequence\":3", StringComparison.Ordinal), lines[2]]);
        Assert.Equal(AuditDefect.BadCheckpointSignature, (await VerifyAuditLog.RunAsync(check, keys, log, CancellationToken.None)).Defect);
        await File.AppendAllTextAsync(log.Path, "not a checkpoint\n");
        Assert.Equal(AuditDefect.CheckpointLogDamaged, (await VerifyAuditLog.RunAsync(check, keys, log, CancellationToken.None)).Defect);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Audit_verify_names_a_forged_row_with_exit_3_also_after_db_migrate(Provider provider)
    {
        var folder = CliProcess.TempFolder();
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var db = database.Target.ConnectionString;
        await AuditLogStorageTests.RecordAsync(database, 3);
        var id = await ForgeUnsealedRowAsync(database, sequence: 4, at: DateTime.UtcNow.AddDays(-30));

        var migrate = await CliProcess.RunAsync(folder, "db", "migrate", "--db", db);
        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
        var verify = await CliProcess.RunAsync(folder, "audit", "verify", "--db", db);
        Assert.True(verify.ExitCode == 3, verify.Stdout + verify.Stderr);
        Assert.Contains($"entry 4 (id {id}) has no hash, so it was inserted outside Portcullis", verify.Stdout, StringComparison.Ordinal);
        var again = await CliProcess.RunAsync(folder, "audit", "verify", "--db", db);
        Assert.Equal(3, again.ExitCode);
        var seal = await CliProcess.RunAsync(folder, "audit", "seal-legacy", "--db", db, "--reason", "make it go away");
        Assert.Equal(2, seal.ExitCode);
        Assert.Contains("inserted outside Portcullis and are not sealed", seal.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_api_keeps_reporting_a_forged_row_after_later_appends(Provider provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var seeded = await AuditLogStorageTests.TailAsync(host.Database);
        await AuditLogStorageTests.RecordAsync(host.Database, 2);
        var id = await ForgeUnsealedRowAsync(host.Database, sequence: seeded + 3, at: DateTime.UtcNow.AddDays(-1));
        using var auditor = await host.SignInAsync("auditor");
        for (var i = 0; i < 2; i++)
        {
            // The first verification is itself audited: an append behind the forged row.
            var result = await auditor.GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify");
            Assert.False(result!.Intact);
            Assert.Equal(AuditDefect.Unsealed, result.Defect);
            Assert.Equal(id, result.BadEntryId);
        }
    }

    // The key folder and the checkpoint files are what this tests; the database's part (reading the chain and the
    // checkpoints) runs on both providers in the tests above, so one provider here saves a dozen process starts.
    [Fact]
    public async Task Audit_verify_proves_the_chain_against_an_external_copy_of_the_checkpoints()
    {
        const Provider provider = Provider.Sqlite;
        var folder = CliProcess.TempFolder();
        var keys = Path.Combine(folder, "keys");
        var env = new Dictionary<string, string> { ["PORTCULLIS_KeysFolder"] = keys };
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var db = database.Target.ConnectionString;
        Assert.Equal(0, (await CliProcess.RunAsync(folder, env, "audit", "list", "--db", db)).ExitCode);
        for (var i = 0; i < 3; i++)
        {
            await AuditLogStorageTests.RecordAsync(database, 1);
            var checkpoint = await CliProcess.RunAsync(folder, env, "audit", "checkpoint", "--db", db);
            Assert.True(checkpoint.ExitCode == 0, checkpoint.Stderr);
        }

        // The auditor's copy, taken before the insider acts.
        var copy = Path.Combine(folder, "auditor-copy.jsonl");
        File.Copy(Path.Combine(keys, AuditCheckpointLog.DefaultFileName), copy);
        var intact = await CliProcess.RunAsync(folder, env, "audit", "verify", "--db", db, "--checkpoints", copy);
        Assert.True(intact.ExitCode == 0, intact.Stdout + intact.Stderr);
        Assert.EndsWith("the external checkpoint log's 3 checkpoints all match.", intact.Stdout.Trim(), StringComparison.Ordinal);

        await AsInsiderAsync(database, """DELETE FROM audit_checkpoints""");
        await RewriteChainAsync(database, sequence: 3, detail: "nothing happened");
        // The insider also holds a copy of the server without the keys folder: that copy says intact.
        var blind = await CliProcess.RunAsync(folder, new Dictionary<string, string> { ["PORTCULLIS_KeysFolder"] = Path.Combine(folder, "elsewhere") }, "audit", "verify", "--db", db);
        Assert.StartsWith("Audit log intact: 3 entries, 0 checkpoints.", blind.Stdout, StringComparison.Ordinal);
        Assert.Contains("No external checkpoint log was read", blind.Stdout, StringComparison.Ordinal);

        // The server's own log (read by default) and the auditor's copy both catch it.
        var local = await CliProcess.RunAsync(folder, env, "audit", "verify", "--db", db);
        Assert.True(local.ExitCode == 3, local.Stdout + local.Stderr);
        var external = await CliProcess.RunAsync(folder, env, "audit", "verify", "--db", db, "--checkpoints", copy, "--public-key", Path.Combine(keys, AuditSigningKey.PublicFileName));
        Assert.True(external.ExitCode == 3, external.Stdout + external.Stderr);
        Assert.Contains("entry 3 (id ", external.Stdout, StringComparison.Ordinal);
        Assert.Contains("differs from the signed checkpoint of", external.Stdout, StringComparison.Ordinal);
        var none = await CliProcess.RunAsync(folder, env, "audit", "verify", "--db", db, "--checkpoints", Path.Combine(folder, "nowhere.jsonl"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("does not exist", none.Stderr, StringComparison.Ordinal);
    }

    // The key folder and the checkpoint files are what this tests; the database's part (reading the chain and the
    // checkpoints) runs on both providers in the tests above, so one provider here saves a dozen process starts.
    [Fact]
    public async Task A_missing_signing_key_is_an_error_until_the_key_is_rotated_and_old_checkpoints_still_verify()
    {
        const Provider provider = Provider.Sqlite;
        var folder = CliProcess.TempFolder();
        var keys = Path.Combine(folder, "keys");
        var env = new Dictionary<string, string> { ["PORTCULLIS_KeysFolder"] = keys };
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var db = database.Target.ConnectionString;
        Assert.Equal(0, (await CliProcess.RunAsync(folder, env, "audit", "list", "--db", db)).ExitCode);
        await AuditLogStorageTests.RecordAsync(database, 3);
        Assert.Equal(0, (await CliProcess.RunAsync(folder, env, "audit", "checkpoint", "--db", db)).ExitCode);
        var oldPrivate = await File.ReadAllTextAsync(Path.Combine(keys, AuditSigningKey.PrivateFileName), TestContext.Current.CancellationToken);
        var oldKeyId = KeyIdOf(oldPrivate);

        // A copy of the server without its private key: no silent new key pair.
        File.Delete(Path.Combine(keys, AuditSigningKey.PrivateFileName));
        var refused = await CliProcess.RunAsync(folder, env, "audit", "checkpoint", "--db", db);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("is missing although the audit log already has 3 entries and 1 checkpoints", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("portcullis audit rotate-key --reason R", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(keys, AuditSigningKey.PrivateFileName)));

        var noReason = await CliProcess.RunAsync(folder, env, "audit", "rotate-key", "--db", db, "--reason", " ");
        Assert.Equal(2, noReason.ExitCode);
        var rotated = await CliProcess.RunAsync(folder, env, "audit", "rotate-key", "--db", db, "--reason", "key file lost");
        Assert.True(rotated.ExitCode == 0, rotated.Stderr);
        Assert.Contains($"retired {oldKeyId}", rotated.Stdout, StringComparison.Ordinal);

        await using (var check = database.CreateContext())
        {
            var rotation = await check.Audit.AsNoTracking().OrderByDescending(a => a.Sequence).FirstAsync();
            Assert.Equal("audit.key.rotate", rotation.Action);
            Assert.EndsWith($"retired {oldKeyId}: key file lost", rotation.Detail, StringComparison.Ordinal);
            Assert.Equal(2, await check.AuditCheckpoints.Select(c => c.KeyId).Distinct().CountAsync());
        }

        var verify = await CliProcess.RunAsync(folder, env, "audit", "verify", "--db", db);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.StartsWith("Audit log intact: 4 entries, 2 checkpoints, last checkpoint at sequence 4", verify.Stdout, StringComparison.Ordinal);

        // Whoever kept the old private key cannot sign anything after its retirement.
        await using (var db2 = database.CreateContext())
        {
            using var stolen = ECDsa.Create();
            stolen.ImportFromPem(oldPrivate);
            var tail = await db2.Audit.AsNoTracking().OrderByDescending(a => a.Sequence).FirstAsync();
            var at = AuditChain.ToMicroseconds(DateTime.UtcNow.AddMinutes(1));
            db2.AuditCheckpoints.Add(new AuditCheckpoint { Sequence = tail.Sequence, Hash = tail.Hash, At = at, KeyId = oldKeyId, Signature = AuditChain.Sign(stolen, tail.Sequence, tail.Hash, at, oldKeyId) });
            await db2.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var late = await CliProcess.RunAsync(folder, env, "audit", "verify", "--db", db);
        Assert.Equal(3, late.ExitCode);
        Assert.Contains($"is signed with key {oldKeyId}, which was retired on", late.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_checkpoint_is_pushed_to_a_second_party_as_a_signed_line()
    {
        var port = CliProcess.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/checkpoints/");
        listener.Start();
        var received = listener.GetContextAsync();
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var key = AuditLogStorageTests.NewKey();
        await AuditLogStorageTests.RecordAsync(database, 2);
        await using var db = database.CreateContext();
        var checkpoint = await AuditCheckpoints.WriteAsync(db, key, Clock, onlyIfMoved: false, CancellationToken.None);
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var push = new AuditCheckpointPush(services.GetRequiredService<IHttpClientFactory>(), new AuditOptions { CheckpointPushUrl = $"http://127.0.0.1:{port}/checkpoints/", CheckpointPushToken = "secret" });

        var sending = push.SendAsync(checkpoint!, CancellationToken.None);
        var context = await received.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Bearer secret", context.Request.Headers["Authorization"]);
        context.Response.StatusCode = 204;
        context.Response.Close();
        Assert.Null(await sending);

        Assert.Equal(AuditCheckpointLog.ToLine(checkpoint!), body);
        Assert.Equal(body, (await File.ReadAllLinesAsync(AuditCheckpointLog.Beside(key).Path, TestContext.Current.CancellationToken)).Single());
        using var json = JsonDocument.Parse(body);
        Assert.Equal(2, json.RootElement.GetProperty("sequence").GetInt64());
        var unreachable = new AuditCheckpointPush(services.GetRequiredService<IHttpClientFactory>(), new AuditOptions { CheckpointPushUrl = $"http://127.0.0.1:{CliProcess.FreePort()}/" });
        Assert.Contains("could not be pushed", await unreachable.SendAsync(checkpoint!, CancellationToken.None), StringComparison.Ordinal);
    }

    private static string KeyIdOf(string privatePem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privatePem);
        return AuditChain.KeyId(key);
    }

    /// <summary>An INSERT as the application's own database account may do it (the triggers allow inserts).</summary>
    private static async Task<long> ForgeUnsealedRowAsync(Database database, long sequence, DateTime at)
    {
        await using var db = database.CreateContext();
        at = AuditChain.ToMicroseconds(at);
        await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_log ("At", "Actor", "OrganisationId", "Action", "Subject", "Detail", "Hash", "PreviousHash", "Sequence") VALUES ({at}, 'supervisor', NULL, 'risk.watch-list.remove', 'party x', 'forged', '', '', {sequence})""");
        return await db.Audit.Where(a => a.Sequence == sequence).Select(a => a.Id).SingleAsync();
    }

    /// <summary>As the table owner or a superuser would: past every append-only trigger.</summary>
    private static async Task AsInsiderAsync(Database database, string sql)
    {
        await using var db = database.CreateContext();
        if (database.Target.Provider == DatabaseProvider.Postgres)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
            await db.Database.ExecuteSqlRawAsync(sql);
            await transaction.CommitAsync();
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_checkpoints_no_update; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;");
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    /// <summary>Edits one entry and recomputes every hash from it on: a self-consistent chain again.</summary>
    private static async Task RewriteChainAsync(Database database, long sequence, string detail)
    {
        await using var db = database.CreateContext();
        var rows = await db.Audit.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        var previous = rows.Single(r => r.Sequence == sequence - 1).Hash;
        foreach (var row in rows.Where(r => r.Sequence >= sequence))
        {
            var text = row.Sequence == sequence ? detail : row.Detail;
            var hash = AuditChain.ComputeHash(row.Sequence, row.At, row.Actor, row.OrganisationId, row.Action, row.Subject, text, previous);
            await AsInsiderAsync(database, $"""UPDATE audit_log SET "Detail" = '{text}', "PreviousHash" = '{previous}', "Hash" = '{hash}' WHERE "Id" = {row.Id}""");
            previous = hash;
        }
    }
}
