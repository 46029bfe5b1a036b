using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

/// <summary>
/// The audit chain in a real database on both providers: appends, the append-only triggers, and
/// tampering the way someone with direct database access would do it (triggers bypassed).
/// </summary>
public sealed class AuditLogStorageTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Appends_form_one_chain_that_verifies_with_its_checkpoint(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var key = NewKey();
        await RecordAsync(database, 3);
        await using (var db = database.CreateContext())
        {
            // Several entries in one save chain in the order they were added.
            AuditLog.Record(db, Clock, "analyst", null, "risk.watch-list.add", "party a");
            AuditLog.RecordView(db, Clock, new CurrentUser(Guid.NewGuid(), "inspector", Roles.HubInspector, Guid.NewGuid(), "Douane", ["RTM"], [], false), "score", "consignment c");
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            Assert.NotNull(await AuditCheckpoints.WriteAsync(db, key, Clock, onlyIfMoved: false, CancellationToken.None));
            Assert.Null(await AuditCheckpoints.WriteAsync(db, key, Clock, onlyIfMoved: true, CancellationToken.None));
        }

        await using var check = database.CreateContext();
        var rows = await check.Audit.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal([1L, 2, 3, 4, 5], rows.Select(r => r.Sequence));
        Assert.Equal(AuditChain.Genesis, rows[0].PreviousHash);
        Assert.Equal(["risk.watch-list.add", "view.score"], rows.Skip(3).Select(r => r.Action));
        Assert.All(rows.Skip(1), (r, i) => Assert.Equal(rows[i].Hash, r.PreviousHash));
        var result = await VerifyAuditLog.RunAsync(check, key.Public(), CancellationToken.None);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(5, result.Entries);
        Assert.Equal(5, result.LastCheckpointSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_applications_own_connection_cannot_change_or_remove_audit_rows(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await RecordAsync(database, 2);
        await using (var db = database.CreateContext())
        {
            await AuditCheckpoints.WriteAsync(db, NewKey(), Clock, onlyIfMoved: false, CancellationToken.None);
        }

        string[] forbidden =
        [
            """UPDATE audit_log SET "Detail" = 'changed' WHERE "Sequence" = 1""",
            """UPDATE audit_log SET "Hash" = '' WHERE "Sequence" = 1""",
            """DELETE FROM audit_log WHERE "Sequence" = 2""",
            """UPDATE audit_checkpoints SET "Sequence" = 1""",
            """DELETE FROM audit_checkpoints""",
        ];
        if (provider == Provider.Postgres)
        {
            forbidden = [.. forbidden, "TRUNCATE audit_log", "TRUNCATE audit_checkpoints"];
        }

        foreach (var sql in forbidden)
        {
            await using var db = database.CreateContext();
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        await using (var db = database.CreateContext())
        {
            // Nor through EF Core: a tracked entry that is changed or removed fails to save.
            var entry = await db.Audit.SingleAsync(a => a.Sequence == 1);
            db.Audit.Remove(entry);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Audit.CountAsync());
        Assert.Equal(1, await check.AuditCheckpoints.CountAsync());
        Assert.True((await VerifyAuditLog.RunAsync(check, null, CancellationToken.None) is { Defect: AuditDefect.BadCheckpointSignature }));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_single_edited_row_is_named_by_verify(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await RecordAsync(database, 5);
        var id = await IdOfAsync(database, 3);

        await TamperAsync(database, """UPDATE audit_log SET "Detail" = 'nothing to see' WHERE "Sequence" = 3""");

        await using var db = database.CreateContext();
        var result = await VerifyAuditLog.RunAsync(db, null, CancellationToken.None);
        Assert.False(result.Intact);
        Assert.Equal(AuditDefect.Edited, result.Defect);
        Assert.Equal(3, result.BadSequence);
        Assert.Equal(id, result.BadEntryId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_single_deleted_row_is_named_as_a_gap(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await RecordAsync(database, 5);

        await TamperAsync(database, """DELETE FROM audit_log WHERE "Sequence" = 2""");

        await using var db = database.CreateContext();
        var result = await VerifyAuditLog.RunAsync(db, null, CancellationToken.None);
        Assert.Equal(AuditDefect.Deleted, result.Defect);
        Assert.Equal(2, result.BadSequence);
        Assert.StartsWith("The audit log was tampered with: entry 2 is missing before entry 3", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deleting_the_tail_after_a_checkpoint_is_detected(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var key = NewKey();
        await RecordAsync(database, 5);
        await using (var db = database.CreateContext())
        {
            await AuditCheckpoints.WriteAsync(db, key, Clock, onlyIfMoved: true, CancellationToken.None);
        }

        await TamperAsync(database, """DELETE FROM audit_log WHERE "Sequence" >= 4""");

        await using var check = database.CreateContext();
        var result = await VerifyAuditLog.RunAsync(check, key.Public(), CancellationToken.None);
        Assert.Equal(AuditDefect.CheckpointBeyondTail, result.Defect);
        Assert.Equal(4, result.BadSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_forged_checkpoint_is_detected(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var key = NewKey();
        await RecordAsync(database, 3);
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using (var db = database.CreateContext())
        {
            await AuditCheckpoints.WriteAsync(db, key, Clock, onlyIfMoved: false, CancellationToken.None);
            // Inserting is allowed (the log is append-only, not read-only): the signature gives it away.
            var tail = await db.Audit.OrderByDescending(a => a.Sequence).FirstAsync();
            var keyId = AuditChain.KeyId(key.Private());
            var at = AuditChain.ToMicroseconds(DateTime.UtcNow);
            db.AuditCheckpoints.Add(new AuditCheckpoint { Sequence = 40, Hash = tail.Hash, At = at, KeyId = keyId, Signature = AuditChain.Sign(attacker, 40, tail.Hash, at, keyId) });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var result = await VerifyAuditLog.RunAsync(check, key.Public(), CancellationToken.None);
        Assert.Equal(AuditDefect.BadCheckpointSignature, result.Defect);
        Assert.Contains("at sequence 40", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_appends_from_several_writers_form_one_unbroken_chain(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        // Writers with textually different connection strings do not share the in-process gate, so
        // they stand for separate processes: only the database's own locking keeps them apart.
        var writers = Enumerable.Range(0, 6).Select(i => new Database(Variant(database.Target, i))).ToList();
        const int SavesPerWriter = 15;

        await Task.WhenAll(writers.Select((writer, w) => Task.Run(async () =>
        {
            for (var i = 0; i < SavesPerWriter; i++)
            {
                await using var db = (w % 2 == 0 ? writer : database).CreateContext();
                AuditLog.Record(db, Clock, $"writer {w}", null, "test.append", $"item {w}.{i}");
                if (i % 3 == 0)
                {
                    AuditLog.Record(db, Clock, $"writer {w}", null, "test.append", $"item {w}.{i}b");
                }

                await db.SaveChangesAsync();
            }
        })));

        await using var check = database.CreateContext();
        var expected = writers.Count * (SavesPerWriter + 5);
        Assert.Equal(expected, await check.Audit.CountAsync());
        var result = await VerifyAuditLog.RunAsync(check, null, CancellationToken.None);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(expected, result.Entries);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_audit_entry_saved_in_the_callers_transaction_lands_only_with_it(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        await RecordAsync(database, 1);
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            AuditLog.Record(db, Clock, "analyst", null, "test.rolled-back", "x");
            await db.SaveChangesAsync();
            AuditLog.Record(db, Clock, "analyst", null, "test.rolled-back", "y");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            AuditLog.Record(db, Clock, "analyst", null, "test.committed", "z");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var check = database.CreateContext();
        var rows = await check.Audit.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(["test.append", "test.committed"], rows.Select(r => r.Action));
        Assert.Equal([1L, 2], rows.Select(r => r.Sequence));
        Assert.True((await VerifyAuditLog.RunAsync(check, null, CancellationToken.None)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Rows_from_before_the_chain_are_sealed_only_by_the_audited_seal_command_and_verify(Provider provider)
    {
        var database = new Database(await TestDatabases.CreateAsync(provider));
        await using (var db = database.CreateContext())
        {
            var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_AuditChain", StringComparison.Ordinal)).Last();
            await db.GetService<IMigrator>().MigrateAsync(before);
            var org = Guid.NewGuid();
            var at = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
            // As the previous version wrote them: no sequence, no hashes; a row deleted back then leaves a gap in the ids.
            await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_log ("At", "Actor", "OrganisationId", "Action", "Subject", "Detail") VALUES ({at}, 'supervisor', {org}, 'risk.profile.activate', 'profile a v1', 'first')""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_log ("At", "Actor", "OrganisationId", "Action", "Subject", "Detail") VALUES ({at.AddSeconds(1)}, 'cli:root', NULL, 'risk.model.train', 'model v1', '')""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_log ("At", "Actor", "OrganisationId", "Action", "Subject", "Detail") VALUES ({at.AddSeconds(2)}, 'analyst', {org}, 'risk.watch-list.add', 'party q', '')""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO audit_log ("At", "Actor", "OrganisationId", "Action", "Subject", "Detail") VALUES ({at.AddSeconds(3)}, 'analyst', {org}, 'risk.watch-list.add', 'party p', 'ünïcode')""");
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM audit_log WHERE "Subject" = 'party q'""");
        }

        // Migrating seals nothing: the old rows are named by verify, and nothing new is appended
        // behind them until they are sealed on purpose.
        await database.MigrateAsync(CancellationToken.None);
        await using (var db = database.CreateContext())
        {
            Assert.All(await db.Audit.AsNoTracking().ToListAsync(), r => Assert.Equal("", r.Hash));
            var unsealed = await VerifyAuditLog.RunAsync(db, null, CancellationToken.None);
            Assert.Equal(AuditDefect.Unsealed, unsealed.Defect);
            Assert.Contains("audit seal-legacy", unsealed.Summary, StringComparison.Ordinal);
            AuditLog.Record(db, Clock, "analyst", null, "test.append", "too early");
            var refused = await Assert.ThrowsAsync<Portcullis.Hosting.UserFacingException>(() => db.SaveChangesAsync());
            Assert.Contains("seal-legacy", refused.Message, StringComparison.Ordinal);
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal(3, await AuditAppender.SealLegacyRowsAsync(db, () => AuditLog.Record(db, Clock, "cli:root", null, "audit.seal-legacy", "audit log", "upgrade"), CancellationToken.None));
            var sealedRows = await db.Audit.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
            Assert.Equal([1L, 2, 3, 4], sealedRows.Select(r => r.Sequence));
            Assert.Equal([1L, 2, 4], sealedRows.Take(3).Select(r => r.Id));
            Assert.Equal("audit.seal-legacy", sealedRows[3].Action);
            Assert.All(sealedRows, r => Assert.Equal(64, r.Hash.Length));
            Assert.True((await VerifyAuditLog.RunAsync(db, null, CancellationToken.None)).Intact);
        }

        await using (var db = database.CreateContext())
        {
            // Once the chain has begun, there is nothing legacy left to seal.
            Assert.Null(await AuditAppender.SealLegacyRowsAsync(db, () => { }, CancellationToken.None));
        }

        await RecordAsync(database, 2);
        await using var check = database.CreateContext();
        var result = await VerifyAuditLog.RunAsync(check, null, CancellationToken.None);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(6, result.Entries);
        // Sealed rows are as immutable as new ones.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => check.Database.ExecuteSqlRawAsync("""UPDATE audit_log SET "Detail" = 'x' WHERE "Id" = 4"""));
    }

    [Fact]
    public async Task The_signing_key_is_created_once_and_readable_by_its_owner_only()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("portcullis-keys-").FullName, "keys");
        var first = new AuditSigningKey(folder);
        Assert.True(first.CreateFirst(Clock));
        var keyId = AuditChain.KeyId(first.Private());
        var again = new AuditSigningKey(folder);

        Assert.False(again.CreateFirst(Clock));
        Assert.Equal(keyId, AuditChain.KeyId(again.Private()));
        Assert.Equal([keyId], again.Ring()!.Keys.Select(k => k.KeyId));
        Assert.Equal(keyId, AuditChain.KeyId(AuditSigningKey.ReadPublic(again.PublicFile)));
        Assert.Contains("PUBLIC KEY", await File.ReadAllTextAsync(first.PublicFile), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", await File.ReadAllTextAsync(first.PublicFile), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.PrivateFile));
        }

        Assert.Equal(3, Directory.GetFiles(folder).Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_api_tells_auditors_whether_the_log_is_intact(Provider provider)
    {
        await using var host = await ApiHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["Audit:CheckpointEverySeconds"] = "1" });
        // Seeding the demo accounts audited their creation: the chain starts after those entries.
        var seeded = await TailAsync(host.Database);
        await RecordAsync(host.Database, 4);
        var checkpointed = false;
        for (var i = 0; i < 100 && !checkpointed; i++)
        {
            await Task.Delay(100);
            await using var db = host.Database.CreateContext();
            checkpointed = await db.AuditCheckpoints.AnyAsync(c => c.Sequence == seeded + 4);
        }

        Assert.True(checkpointed, "The background service wrote no checkpoint of the moved tail.");
        using var auditor = await host.SignInAsync("auditor");
        var intact = await auditor.GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify");
        Assert.True(intact!.Intact, intact.Summary);
        // The seeded ones, the four recorded here and the auditor's sign-in.
        Assert.Equal(seeded + 5, intact.Entries);
        Assert.True(intact.Checkpoints >= 1);

        // The verification itself was audited (entry 5); now edit entry 2.
        await TamperAsync(host.Database, $"""UPDATE audit_log SET "Actor" = 'someone else' WHERE "Sequence" = {seeded + 2}""");
        using var response = await auditor.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tampered = await response.Content.ReadFromJsonAsync<AuditVerification>();
        Assert.False(tampered!.Intact);
        Assert.Equal(AuditDefect.Edited, tampered.Defect);
        Assert.Equal(seeded + 2, tampered.BadSequence);
        Assert.Contains("\"defect\":\"Edited\"", await (await auditor.GetAsync("/api/v1/audit/verify")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The last sequence number of the chain (0 when empty).</summary>
    internal static async Task<long> TailAsync(Database database)
    {
        await using var db = database.CreateContext();
        return await db.Audit.MaxAsync(e => (long?)e.Sequence) ?? 0;
    }

    internal static async Task RecordAsync(Database database, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = database.CreateContext();
            AuditLog.Record(db, Clock, "supervisor", Guid.NewGuid(), "test.append", $"item {i}", $"detail {i}");
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Changes audit rows as someone with direct database access would: past the triggers.</summary>
    internal static async Task TamperAsync(Database database, string sql)
    {
        await using var db = database.CreateContext();
        if (database.Target.Provider == DatabaseProvider.Postgres)
        {
            // A superuser can switch triggers off for the session.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
            await db.Database.ExecuteSqlRawAsync(sql);
            await transaction.CommitAsync();
        }
        else
        {
            // Whoever can write the file can drop the triggers.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    private static async Task<long> IdOfAsync(Database database, long sequence)
    {
        await using var db = database.CreateContext();
        return await db.Audit.Where(a => a.Sequence == sequence).Select(a => a.Id).SingleAsync();
    }

    /// <summary>A key made as a new database gets it: before anything was recorded.</summary>
    internal static AuditSigningKey NewKey()
    {
        var key = new AuditSigningKey(Path.Combine(Directory.CreateTempSubdirectory("portcullis-keys-").FullName, "keys"));
        key.CreateFirst(Clock);
        return key;
    }

    private static DatabaseTarget Variant(DatabaseTarget target, int writer) => target.Provider == DatabaseProvider.Sqlite
        ? target with { ConnectionString = new SqliteConnectionStringBuilder(target.ConnectionString) { DefaultTimeout = 60 + writer }.ConnectionString }
        : target with { ConnectionString = new NpgsqlConnectionStringBuilder(target.ConnectionString) { ApplicationName = $"writer{writer}" }.ConnectionString };
}
