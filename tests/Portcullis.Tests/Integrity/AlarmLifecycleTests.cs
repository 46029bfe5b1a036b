using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Access;
using Portcullis.Domain.Phrasing;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Readings;
using Portcullis.Integrity.Rules;
using Portcullis.Risk;
using Portcullis.Storage;
using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Integrity;

/// <summary>The alarm lifecycle on a real database: rate limit and flood folding, resolution, and the alarm as a reason on the risk score.</summary>
public sealed class AlarmLifecycleTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static readonly CurrentUser Supervisor = new(Guid.NewGuid(), "sup.rtm", Roles.Supervisor, Guid.NewGuid(), "Douane", ["RTM"], [], false);

    private static AlarmCandidate Candidate(string container, string key, AlarmSeverity severity = AlarmSeverity.Medium) =>
        new(AlarmKind.SealTampered, severity, container, Now, $"Seal reading {key} on {container}.", [$"reading:dev/{key}"], key, "RTM");

    // As a rule writes it: the detail with its phrase (the seal rule's sentence, the key as the device).
    private static AlarmCandidate Said(string container, string key, AlarmSeverity severity = AlarmSeverity.Medium) =>
        new(AlarmKind.SealTampered, severity, container, Now, Phrase.Of("AlarmWhy.SealTampered", key, container, RuleInput.When(Now)), [$"reading:dev/{key}"], key, "RTM");

    private static async Task<IReadOnlyList<IntegrityAlarm>> RaiseAsync(Database database, TimeProvider clock, AlarmPolicy policy, params AlarmCandidate[] candidates)
    {
        await using var db = database.CreateContext();
        var raised = await AlarmStore.RaiseAsync(db, clock, "test", [.. candidates.Select(c => (c, (AlarmStore.Link?)null))], CancellationToken.None, policy);
        await db.SaveChangesAsync();
        return raised;
    }

    [Fact]
    public async Task Alarms_past_the_container_limit_fold_into_one_flood_alarm_that_counts_them()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var clock = new FakeTimeProvider(Now);
        var policy = new AlarmPolicy { PerContainer = 3, WindowMinutes = 60 };

        var first = await RaiseAsync(database, clock, policy, [.. Enumerable.Range(1, 5).Select(i => Said("MSCU1234565", $"a{i}"))]);
        // A repeat of a folded candidate is not one more; another container has its own limit.
        await RaiseAsync(database, clock, policy, Said("MSCU1234565", "a5"), Said("MSCU1234565", "a6"), Candidate("TGHU1234561", "b1"));

        await using var db = database.CreateContext();
        var alarms = await db.IntegrityAlarms.AsNoTracking().ToListAsync();
        Assert.Equal(4, first.Count);
        Assert.Equal(3, alarms.Count(a => a.ContainerNumber == "MSCU1234565" && a.Kind == AlarmKind.SealTampered));
        var flood = Assert.Single(alarms, a => a.Kind == AlarmKind.Flood);
        Assert.Equal("MSCU1234565", flood.ContainerNumber);
        Assert.Equal(3, flood.Occurrences);
        Assert.Equal(["folded:a4", "folded:a5", "folded:a6"], flood.Evidence);
        Assert.StartsWith("3 further alarms for container MSCU1234565 came after 3 within 60 minutes", flood.Detail, StringComparison.Ordinal);
        // Stored with its phrase, the latest folded detail inside: a Dutch page says the flood and the folded alarm in Dutch.
        Assert.StartsWith("3 volgende alarmen voor container MSCU1234565", PhraseAssert.SaidInDutch(flood.DetailPhrase!, flood.Detail), StringComparison.Ordinal);
        Assert.Contains("manipulatie", PhraseAssert.SaidInDutch(flood.DetailPhrase!, flood.Detail), StringComparison.Ordinal);
        // An alarm raised without a phrase (written elsewhere) has none: the page shows its English.
        Assert.Null(Assert.Single(alarms, a => a.ContainerNumber == "TGHU1234561").DetailPhrase);
        Assert.Single(alarms, a => a.ContainerNumber == "TGHU1234561");
        // Three alarms, the flood and the other container's alarm were published; folded candidates were not.
        Assert.Equal(5, await db.Outbox.CountAsync(m => m.Type == AlarmRaised.EventType));

        // Once the window has passed, alarms are raised one by one again.
        clock.Advance(TimeSpan.FromMinutes(61));
        var later = await RaiseAsync(database, clock, policy, Candidate("MSCU1234565", "a7"));
        Assert.Equal(AlarmKind.SealTampered, Assert.Single(later).Kind);
    }

    [Fact]
    public async Task A_flood_takes_the_highest_severity_it_folded()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var clock = new FakeTimeProvider(Now);
        var policy = new AlarmPolicy { PerContainer = 1 };
        await RaiseAsync(database, clock, policy, Candidate("MSCU1234565", "a1"), Candidate("MSCU1234565", "a2", AlarmSeverity.Low), Candidate("MSCU1234565", "a3", AlarmSeverity.Critical));

        await using var db = database.CreateContext();
        var flood = await db.IntegrityAlarms.SingleAsync(a => a.Kind == AlarmKind.Flood);
        Assert.Equal(AlarmSeverity.Critical, flood.Severity);
        Assert.Equal(2, flood.Occurrences);
    }

    [Fact]
    public async Task A_high_alarm_is_a_reason_on_the_container_score_until_it_is_resolved_as_false()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var clock = new FakeTimeProvider(Now);
        var policy = new AlarmPolicy { HighWeight = 0.3, CriticalWeight = 0.5 };
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(database, "RTM", Now.AddHours(-5), 424242);
        await using (var db = database.CreateContext())
        {
            db.RiskScores.Add(new RiskScore
            {
                ConsignmentId = cargo.ConsignmentId,
                HubCode = "RTM",
                ScoredAt = Now,
                ArrivedAt = cargo.ArrivedAt,
                Score = 0.2,
                RuleScore = 0.2,
                Reasons = [new RiskReason("rule", "reefer", "Reefer from a source country", 0.2)],
            });
            await db.SaveChangesAsync();
        }

        // A real rule's alarm: an e-seal reporting tampering (high).
        var tampered = Assert.Single(new IntegrityRules(RuleOptions.Default).Observe(
            [Observation.From(new SensorReading("ACME:0001", "h1", cargo.ContainerNumber, ReadingKind.Seal, Now, null, null, SealState.Tampered))!], _ => new ContainerContext(cargo.ContainerNumber, "RTM")));
        var alarm = Assert.Single(await RaiseAsync(database, clock, policy, tampered));
        await using (var db = database.CreateContext())
        {
            var score = await db.RiskScores.AsNoTracking().SingleAsync(s => s.ConsignmentId == cargo.ConsignmentId);
            // 1 − (1 − 0.2)(1 − 0.3) = 0.44
            Assert.Equal(0.44, score.Score, 10);
            Assert.Equal(["alarm", "rule"], score.Reasons.Select(r => r.Source));
            Assert.Equal($"SealTampered:{alarm.Id:N}", score.Reasons[0].Name);
            Assert.Equal(0.3, score.Reasons[0].Effect);
            // The API's English reason, and the phrase a Dutch page says it from, the alarm's own phrase inside.
            Assert.Equal($"Open high integrity alarm on container {cargo.ContainerNumber}: {tampered.Reason}", score.Reasons[0].Text);
            var dutch = PhraseAssert.SaidInDutch(score.Reasons[0].Phrase!, score.Reasons[0].Text);
            Assert.StartsWith($"Openstaand integriteitsalarm (hoog) voor container {cargo.ContainerNumber}: Het elektronische zegel ACME:0001", dutch, StringComparison.Ordinal);
            Assert.Equal(tampered.Phrase, (await db.IntegrityAlarms.AsNoTracking().SingleAsync(a => a.Id == alarm.Id)).DetailPhrase);
        }

        await using (var db = database.CreateContext())
        {
            var resolved = await ResolveAlarm.RunAsync(db, clock, policy, Supervisor, alarm.Id, new ResolveAlarm.ResolveRequest("false-alarm", "Seal sensor fault, confirmed by the carrier."), CancellationToken.None);
            Assert.Null(resolved.Refusal);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var score = await db.RiskScores.AsNoTracking().SingleAsync(s => s.ConsignmentId == cargo.ConsignmentId);
            Assert.Equal(0.2, score.Score, 10);
            Assert.Equal(["rule"], score.Reasons.Select(r => r.Source));
            var stored = await db.IntegrityAlarms.AsNoTracking().SingleAsync(a => a.Id == alarm.Id);
            Assert.Equal(AlarmStatus.Resolved, stored.Status);
            Assert.Equal(AlarmResolution.FalseAlarm, stored.Resolution);
            Assert.Equal("sup.rtm", stored.ResolvedBy);
            Assert.True(await db.Audit.AnyAsync(e => e.Action == "alarm.resolve" && e.Actor == "sup.rtm"));
        }
    }

    [Fact]
    public async Task Resolving_needs_a_known_resolution_a_note_your_hub_and_an_unresolved_alarm()
    {
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var clock = new FakeTimeProvider(Now);
        var alarm = Assert.Single(await RaiseAsync(database, clock, AlarmPolicy.Default, Candidate("MSCU1234565", "r1")));
        var other = Supervisor with { Hubs = ["ZWB"] };

        async Task<string?> Try(CurrentUser user, string? resolution, string? note)
        {
            await using var db = database.CreateContext();
            var outcome = await ResolveAlarm.RunAsync(db, clock, AlarmPolicy.Default, user, alarm.Id, new ResolveAlarm.ResolveRequest(resolution, note), CancellationToken.None);
            await db.SaveChangesAsync();
            return outcome.Refusal?.Kind.ToString();
        }

        Assert.Equal("Invalid", await Try(Supervisor, "maybe", "note"));
        Assert.Equal("Invalid", await Try(Supervisor, "explained", " "));
        Assert.Equal("NotFound", await Try(other, "explained", "note"));
        Assert.Null(await Try(Supervisor, "explained", "Customs replaced the seal at the scan."));
        Assert.Equal("Conflict", await Try(Supervisor, "true-alarm", "again"));
    }

    [Theory]
    [InlineData(0.2, new double[0], new[] { 0.3 }, 0.44)]
    [InlineData(0.44, new[] { 0.3 }, new double[0], 0.2)]
    [InlineData(0.0, new double[0], new[] { 0.5, 0.5 }, 0.75)]
    [InlineData(0.75, new[] { 0.5 }, new[] { 0.3 }, 0.65)]
    public void Reweigh_takes_alarm_weights_out_and_puts_them_in_by_noisy_or(double score, double[] removed, double[] added, double expected) =>
        Assert.Equal(expected, AlarmEvidence.Reweigh(score, removed, added), 10);
}
