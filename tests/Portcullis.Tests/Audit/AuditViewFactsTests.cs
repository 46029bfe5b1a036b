using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Selection;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Audit;

/// <summary>
/// View entries get their facts (container and hub) when they are written, and the leads read those; entries
/// without facts (written before them) are resolved from their subjects, and `db migrate` fills their facts in.
/// Whichever way, the report is the same.
/// </summary>
public sealed class AuditViewFactsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Leads_are_the_same_from_facts_written_with_the_views_from_subjects_and_from_backfilled_facts(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var now = DateTime.UtcNow;
        var home = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", now.AddHours(-3), 810_001);
        var elsewhere = await CargoFixtures.AddReeferConsignmentAsync(database, "ZWB", now.AddHours(-3), 810_002);
        var open = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", now.AddHours(-3), 810_003);
        await SelectionFixtures.AddSelectionAsync(database, open, now.AddHours(-2), now.AddHours(6));

        var users = await AddAnalystsAsync(database, ["leaky", "peer1", "peer2", "peer3", "peer4"], ct);
        await using (var db = database.CreateContext())
        {
            // Peers 10, 11, 12, 13 score views at their hub; the leaky account 30, two of a consignment at
            // another hub, one of its own hub's container by number, and one of a unit whose control is to come.
            for (var p = 1; p <= 4; p++)
            {
                for (var i = 0; i < 9 + p; i++)
                {
                    AuditLog.RecordView(db, TimeProvider.System, users[$"peer{p}"], "score", AuditSubject.Consignment(home.Reference), "score 0.2");
                }
            }

            for (var i = 0; i < 26; i++)
            {
                AuditLog.RecordView(db, TimeProvider.System, users["leaky"], "score", AuditSubject.Consignment(home.Reference), "score 0.7");
            }

            AuditLog.RecordView(db, TimeProvider.System, users["leaky"], "score", AuditSubject.Consignment(elsewhere.Reference), "score 0.7");
            AuditLog.RecordView(db, TimeProvider.System, users["leaky"], "score", AuditSubject.Consignment(elsewhere.Reference), "score 0.7");
            AuditLog.RecordView(db, TimeProvider.System, users["leaky"], "selection", AuditSubject.Of(UnitKind.Container, home.ContainerNumber), "selection in a list");
            AuditLog.RecordView(db, TimeProvider.System, users["leaky"], "selection", AuditSubject.Of(UnitKind.Container, open.ContainerNumber), "selection in a list");
            // Not a view the leads read: no fact.
            AuditLog.Record(db, TimeProvider.System, users["leaky"], "view.who-knew", AuditSubject.Of(UnitKind.Container, home.ContainerNumber));
            await db.SaveChangesAsync(ct);
        }

        var written = await FactsAsync(database, ct);
        Assert.Equal(46 + 30, written.Count);
        Assert.Equal(2, written.Count(f => f is { Container: var c, Hub: "ZWB" } && c == elsewhere.ContainerNumber));
        Assert.Equal(46 + 27, written.Count(f => f.Container == home.ContainerNumber && f.Hub == "RTM"));
        await using (var db = database.CreateContext())
        {
            // Each fact carries its entry's time, actor and action exactly.
            var entries = await db.Audit.AsNoTracking().Where(a => a.Action != "view.who-knew").OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.At, a.Actor, a.Action }).ToListAsync(ct);
            Assert.Equal(entries.Select(e => (e.Id, e.At, e.Actor, e.Action)), written.Select(f => (f.EntryId, f.At, f.Actor, f.Action)));
        }

        await using (var db = database.CreateContext())
        {
            // The request's own reader (plain ADO.NET, SQLite's times parsed by hand) reads what EF reads, to the tick
            // (the end one microsecond after the last: PostgreSQL keeps microseconds).
            var read = await AuditViewFacts.ReadAsync(db, written[0].At, written[^1].At.AddTicks(10), ct);
            Assert.Equal(written, read.OrderBy(f => f.EntryId).Select(f => (f.EntryId, f.At, f.Actor, f.Action, f.Container, f.Hub)));
            Assert.All(read, f => Assert.Equal(DateTimeKind.Utc, f.At.Kind));
            Assert.Empty(await AuditViewFacts.ReadAsync(db, written[0].At.AddTicks(-10), written[0].At, ct));
        }

        var withFacts = await ReportAsync(database, ct);
        var report = JsonSerializer.Deserialize<AuditLeads.Report>(withFacts)!;
        var lead = report.Leads[0];
        Assert.Equal(("leaky", 1), (lead.Account, lead.Rank));
        Assert.Equal(2, Assert.Single(lead.Signals, s => s.Kind == "outside-hubs").Evidence.Count);
        Assert.Single(lead.Signals, s => s.Kind == "volume");
        Assert.Equal((1, 75), (report.Withheld, report.Views));

        await using (var db = database.CreateContext())
        {
            await db.Set<AuditViewFact>().ExecuteDeleteAsync(ct);
        }

        Assert.Equal(withFacts, await ReportAsync(database, ct));

        await using (var db = database.CreateContext())
        {
            Assert.Equal(76, await AuditViewFacts.BackfillAsync(db, ct));
            Assert.Equal(0, await AuditViewFacts.BackfillAsync(db, ct));
        }

        Assert.Equal(written, await FactsAsync(database, ct));
        Assert.Equal(withFacts, await ReportAsync(database, ct));
    }

    [Theory]
    [InlineData("2026-03-01 00:00:00", 0)]
    [InlineData("2026-03-01 00:00:00.5", 5_000_000)]
    [InlineData("2026-03-01 00:00:00.000001", 10)]
    [InlineData("2026-03-01 00:00:00.1234567", 1_234_567)]
    public void SQLite_times_are_read_in_EF_Core_s_text_form_with_any_fraction(string text, long ticks)
    {
        var expected = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(ticks);
        Assert.Equal((expected, DateTimeKind.Utc), (AuditViewFacts.ParseSqliteTime(text), AuditViewFacts.ParseSqliteTime(text).Kind));
        Assert.Equal(text, AuditViewFacts.SqliteTime(expected));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_fact_cannot_be_changed_in_place_but_can_be_removed_and_written_again(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", DateTime.UtcNow.AddHours(-3), 820_001);
        var users = await AddAnalystsAsync(database, ["viewer"], ct);
        await using (var db = database.CreateContext())
        {
            AuditLog.RecordView(db, TimeProvider.System, users["viewer"], "score", AuditSubject.Consignment(cargo.Reference), "score 0.5");
            await db.SaveChangesAsync(ct);
        }

        // Moving a view to another hub would move a lead: the database refuses it.
        await using (var db = database.CreateContext())
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE audit_view_facts SET "Hub" = 'ZWB'""", ct));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal("RTM", Assert.Single(await FactsAsync(database, ct)).Hub);
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_view_facts", ct);
        }

        Assert.Empty(await FactsAsync(database, ct));
        await database.MigrateAsync(ct, fillContactKeys: true);
        var again = Assert.Single(await FactsAsync(database, ct));
        Assert.Equal(("RTM", cargo.ContainerNumber), (again.Hub, again.Container));
    }

    private static async Task<Dictionary<string, CurrentUser>> AddAnalystsAsync(Database database, string[] names, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Douane (facts)", Kind = OrganisationKind.Customs };
        db.Organisations.Add(organisation);
        var users = new Dictionary<string, CurrentUser>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var account = new Account
            {
                Id = Guid.NewGuid(),
                UserName = name,
                DisplayName = name,
                Role = Roles.TargetingAnalyst,
                OrganisationId = organisation.Id,
                Hubs = ["RTM"],
                CreatedAt = DateTime.UtcNow,
                SecurityStamp = "facts",
            };
            db.Accounts.Add(account);
            users[name] = new CurrentUser(account.Id, name, Roles.TargetingAnalyst, organisation.Id, organisation.Name, ["RTM"], [], false);
        }

        await db.SaveChangesAsync(ct);
        return users;
    }

    private static async Task<List<(long EntryId, DateTime At, string Actor, string Action, string? Container, string? Hub)>> FactsAsync(Database database, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return [.. (await db.Set<AuditViewFact>().AsNoTracking().OrderBy(f => f.EntryId).ToListAsync(ct))
            .Select(f => (f.EntryId, f.At, f.Actor, f.Action, f.Container, f.Hub))];
    }

    // The whole report as JSON (leads, order, scores, signals, sentences, evidence, counts); the request's own audit entry is not saved.
    private static async Task<string> ReportAsync(Database database, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var auditor = new CurrentUser(Guid.Empty, "facts-auditor", Roles.Auditor, Guid.Empty, "Douane", ["*"], [], false);
        var (from, to) = AuditLeads.Period(null, null, TimeProvider.System, out _)!.Value;
        return JsonSerializer.Serialize(await AuditLeads.RunAsync(db, TimeProvider.System, auditor, from.AddDays(-1), to, null, ct));
    }
}
