using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Hosting;
using Portcullis.Parties;
using Portcullis.Parties.Sanctions;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;
using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties;

/// <summary>
/// Sanctions in the app: versioned imports (a failed one changes nothing), screening passes
/// (planned parties first, the list version recorded), the review queue, dismissals that hold
/// until the entry changes, and confirmed hits that become sanctions cases holding the release.
/// </summary>
public sealed class SanctionsReviewTests(SanctionsReviewTests.Host host) : IClassFixture<SanctionsReviewTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ApiHost Api { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            // Screening passes run by hand here; the test formats read a small line format the tests write.
            Api = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Parties:Sanctions:ScreenEverySeconds"] = "0" },
                configure: b => b.Services.AddSingleton<SanctionsFormats>(new LineFormats()));

        public async ValueTask DisposeAsync() => await Api.DisposeAsync();
    }

    /// <summary>"version: V" then "id|name|country" per entry; a line "TRUNCATED" is a reader error at that line.</summary>
    private sealed class LineFormats : SanctionsFormats
    {
        public override ISanctionsListReader? ReaderFor(SanctionsSource source) => new LineReader(source);

        // The baseline screener: these tests are about the queue, not the matcher, and its explanation is fixed.
        public override ISanctionsScreener BuildScreener(IReadOnlyList<SanctionsEntry> entries) => new ExactNameScreener(entries);
    }

    private sealed class LineReader(SanctionsSource source) : ISanctionsListReader
    {
        public SanctionsSource Source => source;

        public SanctionsListResult Read(Stream stream, CancellationToken cancellationToken)
        {
            using var reader = new StreamReader(stream);
            var version = "";
            var entries = new List<SanctionsEntry>();
            var line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (text == "TRUNCATED")
                {
                    return SanctionsListResult.Fail(line, 0, "the file ends inside an entry");
                }

                if (text.StartsWith("version: ", StringComparison.Ordinal))
                {
                    version = text["version: ".Length..];
                    continue;
                }

                var cells = text.Split('|');
                entries.Add(new SanctionsEntry { EntryId = cells[0], Kind = ListSubjectKind.Organisation, Name = cells[1], Countries = [cells[2]], Programme = "RUS" });
            }

            return new SanctionsListResult(new SanctionsList(source, version, null, entries), [], null);
        }
    }

    private sealed record Problem(string Title, string Detail);

    private async Task<Outcome<ImportSanctionsList.ImportResult>> ImportAsync(SanctionsSource source, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sanctions-").FullName, "list.txt");
        await File.WriteAllTextAsync(path, content);
        await using var scope = host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortcullisDb>();
        var result = await ImportSanctionsList.ApplyAsync(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<SanctionsFormats>(), "test-supervisor", null, source, path, "list.txt", CancellationToken.None);
        if (result.Value is not null)
        {
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        }

        return result;
    }

    private Task<ScreenParties.PassResult> PassAsync(int? max = null) =>
        ScreenParties.RunPassAsync(host.Api.Database, host.Api.Services.GetRequiredService<ScreeningState>(), host.Api.Services.GetRequiredService<SanctionsOptions>(), TimeProvider.System, CancellationToken.None, max);

    /// <summary>A consignment at RTM whose consignee is named <paramref name="consignee"/>, with a stored risk score.</summary>
    private async Task<(CargoFixtures.Seeded Cargo, Guid Consignee)> SeedAsync(int serial, string consignee)
    {
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", DateTime.UtcNow.AddHours(-4), serial);
        await using var db = host.Api.Database.CreateContext();
        var link = await db.Set<Portcullis.Domain.Cargo.ConsignmentParty>().SingleAsync(p => p.ConsignmentId == cargo.ConsignmentId && p.Role == Portcullis.Domain.Cargo.PartyRole.Consignee);
        var party = await db.Parties.SingleAsync(p => p.Id == link.PartyId);
        party.Name = consignee;
        db.RiskScores.Add(new RiskScore { ConsignmentId = cargo.ConsignmentId, HubCode = "RTM", ScoredAt = DateTime.UtcNow, ArrivedAt = cargo.ArrivedAt, Score = 0.2, RuleScore = 0.2, Reasons = [new RiskReason("rule", "reefer", "reefer", 0.2)] });
        await db.SaveChangesAsync();
        return (cargo, party.Id);
    }

    private async Task<ReviewHits.HitView> OpenHitAsync(HttpClient client, Guid party)
    {
        var open = await client.GetFromJsonAsync<List<ReviewHits.HitView>>("/api/v1/sanctions/hits?status=open");
        return Assert.Single(open!, h => h.PartyId == party);
    }

    [Fact]
    public async Task A_failed_import_keeps_the_previous_version_and_the_same_file_is_imported_once()
    {
        var first = await ImportAsync(SanctionsSource.Un, "version: 2026-11-01\nUN.1|Alpha Trading LLC|AE\n");
        Assert.False(first.Value!.AlreadyImported);
        var again = await ImportAsync(SanctionsSource.Un, "version: 2026-11-01\nUN.1|Alpha Trading LLC|AE\n");
        Assert.True(again.Value!.AlreadyImported);

        var truncated = await ImportAsync(SanctionsSource.Un, "version: 2026-11-15\nUN.1|Alpha Trading LLC|AE\nTRUNCATED\n");
        Assert.Equal(RefusalKind.Invalid, truncated.Refusal!.Kind);
        Assert.Equal("list.txt is not a readable un list (line 3: the file ends inside an entry); version 2026-11-01 stays active. Check that --source matches the file and that the download is complete.", truncated.Refusal.Detail);
        var empty = await ImportAsync(SanctionsSource.Un, "version: 2026-11-16\n");
        Assert.StartsWith("list.txt holds no entries; version 2026-11-01 stays active.", empty.Refusal!.Detail, StringComparison.Ordinal);

        await using (var db = host.Api.Database.CreateContext())
        {
            var versions = await db.SanctionsListVersions.AsNoTracking().Where(v => v.Source == SanctionsSource.Un).ToListAsync();
            var only = Assert.Single(versions);
            Assert.True(only.Active);
            Assert.Equal(1, await db.SanctionsEntries.CountAsync(e => e.VersionId == only.Id));
        }

        var second = await ImportAsync(SanctionsSource.Un, "version: 2026-12-01\nUN.1|Alpha Trading LLC|AE\nUN.2|Beta Shipping FZE|AE\n");
        Assert.Equal("2026-11-01", second.Value!.Replaces);
        using var supervisor = await host.Api.SignInAsync("supervisor");
        var lists = await supervisor.GetFromJsonAsync<List<ImportSanctionsList.VersionView>>("/api/v1/sanctions/lists");
        var un = lists!.Where(v => v.Source == "un").ToList();
        Assert.Equal([("2026-12-01", true, 2), ("2026-11-01", false, 1)], un.Select(v => (v.Version, v.Active, v.Entries)));

        await using var check = host.Api.Database.CreateContext();
        Assert.Equal(2, await check.Audit.CountAsync(e => e.Action == "sanctions.list.import" && e.Subject == "sanctions list un"));
    }

    [Fact]
    public async Task Importing_over_the_API_answers_a_bad_file_with_one_sentence_and_changes_nothing()
    {
        using var supervisor = await host.Api.SignInAsync("supervisor");
        using var unknown = await supervisor.PostAsync("/api/v1/sanctions/lists?source=xx", new StringContent("version: 1\n", System.Text.Encoding.UTF8, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("The source 'xx' is not known; use eu, un, ofac or ftm.", (await unknown.Content.ReadFromJsonAsync<Problem>())!.Detail);

        using var broken = await supervisor.PostAsync("/api/v1/sanctions/lists?source=ofac", new StringContent("version: 9\nTRUNCATED\n", System.Text.Encoding.UTF8, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.StartsWith("the upload is not a readable ofac list (line 2: the file ends inside an entry); ", (await broken.Content.ReadFromJsonAsync<Problem>())!.Detail, StringComparison.Ordinal);

        using var good = await supervisor.PostAsync("/api/v1/sanctions/lists?source=ofac", new StringContent("version: 10\nOFAC.7|Gamma Metals LLC|RU\n", System.Text.Encoding.UTF8, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(1, (await good.Content.ReadFromJsonAsync<ImportSanctionsList.ImportResult>())!.Entries);
    }

    [Fact]
    public async Task A_pass_screens_parties_of_planned_consignments_first_and_records_the_list_version()
    {
        await ImportAsync(SanctionsSource.Eu, "version: 2026-12-02\nEU.100.1|Delta Steel Export OOO|RU\n");
        var (planned, plannedParty) = await SeedAsync(610001, "Delta Steel Export OOO");
        var (_, laterParty) = await SeedAsync(610002, "Epsilon Bearings Ltd");
        var selection = await SelectionFixtures.AddSelectionAsync(host.Api.Database, planned, DateTime.UtcNow, DateTime.UtcNow.AddHours(3));
        await PassAsync();
        await using (var setup = host.Api.Database.CreateContext())
        {
            // Only this test's selection is open, so the planned parties are exactly its two.
            await setup.Selections.Where(s => s.Id != selection).ExecuteUpdateAsync(u => u.SetProperty(s => s.State, SelectionState.Released));
        }

        // A new version: every party must be screened again, the planned ones first.
        await ImportAsync(SanctionsSource.Eu, "version: 2026-12-03\nEU.100.1|Delta Steel Export OOO|RU\nEU.100.2|Epsilon Bearings Ltd|BY\n");

        var plannedCount = (await PassAsync(max: 2)).PlannedFirst;

        await using var db = host.Api.Database.CreateContext();
        var active = await db.SanctionsListVersions.AsNoTracking().Where(v => v.Active).ToListAsync();
        var key = ScreeningState.KeyOf(active.Select(v => (v.Source, v.Id)));
        Assert.Equal(2, plannedCount);
        Assert.Equal(key, (await db.SanctionsScreenings.AsNoTracking().SingleAsync(s => s.PartyId == plannedParty)).Versions);
        Assert.NotEqual(key, (await db.SanctionsScreenings.AsNoTracking().SingleAsync(s => s.PartyId == laterParty)).Versions);

        await PassAsync();
        var hit = await db.SanctionsHits.AsNoTracking().SingleAsync(h => h.PartyId == laterParty);
        var euVersion = active.Single(v => v.Source == SanctionsSource.Eu);
        Assert.Equal(("EU.100.2", euVersion.Id, SanctionsHitStatus.Open), (hit.EntryId, hit.ListVersionId, hit.Status));
        Assert.Equal(key, (await db.SanctionsScreenings.AsNoTracking().SingleAsync(s => s.PartyId == laterParty)).Versions);
    }

    [Fact]
    public async Task A_confirmed_hit_makes_a_sanctions_case_that_holds_the_release_and_weighs_on_the_risk_score()
    {
        await ImportAsync(SanctionsSource.Ftm, "version: 20261204\nNK-romashka|ООО Ромашка|RU\n");
        var (cargo, party) = await SeedAsync(620001, "ооо ромашка");
        await PassAsync();
        using var analyst = await host.Api.SignInAsync("analyst");
        var hit = await OpenHitAsync(analyst, party);
        Assert.Equal(("ftm", "NK-romashka", "20261204", "name equal after folding"), (hit.Source, hit.EntryId, hit.ListVersion, hit.Explanation));

        using var stale = await analyst.PostAsJsonAsync($"/api/v1/sanctions/hits/{hit.Id}/confirm", new { reason = "Same name and country as the designated entity.", version = hit.Version + 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var noReason = await analyst.PostAsJsonAsync($"/api/v1/sanctions/hits/{hit.Id}/confirm", new { reason = "ok", version = hit.Version });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var confirmed = await analyst.PostAsJsonAsync($"/api/v1/sanctions/hits/{hit.Id}/confirm", new { reason = "Same name and country as the designated entity.", version = hit.Version });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var decision = await confirmed.Content.ReadFromJsonAsync<ReviewHits.DecisionView>();
        Assert.Equal("confirmed", decision!.Hit.Status);

        await using var db = host.Api.Database.CreateContext();
        var selection = await db.Selections.AsNoTracking().SingleAsync(s => s.Id == decision.SanctionsSelections.Single());
        Assert.Equal((SelectionReason.Sanctions, cargo.ContainerNumber, "sanctions: confirmed hit on FTM entry NK-romashka 'ООО Ромашка'"), (selection.Reason, selection.Unit, selection.Why));
        var score = await db.RiskScores.AsNoTracking().SingleAsync(s => s.ConsignmentId == cargo.ConsignmentId);
        var reason = Assert.Single(score.Reasons, r => r.Source == "sanctions");
        Assert.Equal(("ftm:NK-romashka", "sanctions: confirmed hit on FTM entry NK-romashka 'ООО Ромашка'", 0.9), (reason.Name, reason.Text, reason.Effect));
        // A Dutch page says the reason and the stored explanation from their phrases.
        Assert.Equal("sanctielijst: bevestigde treffer op FTM-vermelding NK-romashka 'ООО Ромашка'", PhraseAssert.SaidInDutch(reason.Phrase!, reason.Text));
        Assert.Equal("sanctielijst: bevestigde treffer op FTM-vermelding NK-romashka 'ООО Ромашка'", PhraseAssert.SaidInDutch(selection.WhyPhrase!, selection.Why));
        var stored = await db.SanctionsHits.AsNoTracking().SingleAsync(h => h.Id == hit.Id);
        PhraseAssert.SaidInDutch(stored.ExplanationPhrases!, stored.Explanation);
        Assert.Equal(1 - (0.8 * 0.1), score.Score, 9);
        Assert.Equal(1, await db.Audit.CountAsync(e => e.Action == "sanctions.hit.confirm" && e.Subject == $"party {party}"));

        using var supervisor = await host.Api.SignInAsync("supervisor");
        using var release = await supervisor.PostAsJsonAsync("/api/v1/releases", new { hub = "RTM", container = cargo.ContainerNumber, haulier = "ECT Delta Terminal" });
        Assert.Equal(HttpStatusCode.Conflict, release.StatusCode);
        Assert.Equal($"Container {cargo.ContainerNumber} is a sanctions case (a party on it is a confirmed sanctions hit); it cannot be released until a supervisor withdraws the case.",
            (await release.Content.ReadFromJsonAsync<Problem>())!.Detail);

        using var twice = await analyst.PostAsJsonAsync($"/api/v1/sanctions/hits/{hit.Id}/dismiss", new { reason = "Changed my mind about it.", version = hit.Version + 1 });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task A_dismissal_holds_while_the_entry_is_unchanged_and_a_changed_entry_reopens_it()
    {
        await ImportAsync(SanctionsSource.Ofac, "version: 20\nOFAC.55|Zeta Maritime Inc|PA\n");
        var (_, party) = await SeedAsync(630001, "Zeta Maritime Inc.");
        await PassAsync();
        using var supervisor = await host.Api.SignInAsync("supervisor");
        var hit = await OpenHitAsync(supervisor, party);
        using var dismissed = await supervisor.PostAsJsonAsync($"/api/v1/sanctions/hits/{hit.Id}/dismiss", new { reason = "Our Zeta is a Dutch ship chandler, not the Panamanian operator.", version = hit.Version });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);

        // A new version with the same entry: screened again, still dismissed.
        await ImportAsync(SanctionsSource.Ofac, "version: 21\nOFAC.55|Zeta Maritime Inc|PA\nOFAC.56|Eta Holdings|IR\n");
        await PassAsync();
        await using (var db = host.Api.Database.CreateContext())
        {
            Assert.Equal(SanctionsHitStatus.Dismissed, (await db.SanctionsHits.AsNoTracking().SingleAsync(h => h.Id == hit.Id)).Status);
        }

        // The entry changed (a new country): back in the queue.
        await ImportAsync(SanctionsSource.Ofac, "version: 22\nOFAC.55|Zeta Maritime Inc|NL\nOFAC.56|Eta Holdings|IR\n");
        await PassAsync();
        var reopened = await OpenHitAsync(supervisor, party);
        Assert.Equal((hit.Id, "22"), (reopened.Id, reopened.ListVersion));
        await using var check = host.Api.Database.CreateContext();
        Assert.Equal(1, await check.Audit.CountAsync(e => e.Action == "sanctions.hit.dismiss" && e.Subject == $"party {party}"));
        Assert.Equal(1, await check.Audit.CountAsync(e => e.Action == "sanctions.hit.reopen" && e.Subject == $"party {party}"));
    }

    [Fact]
    public async Task Reviewers_see_only_hits_of_parties_in_their_hubs()
    {
        await ImportAsync(SanctionsSource.Eu, "version: 2026-12-05\nEU.100.1|Delta Steel Export OOO|RU\nEU.100.2|Epsilon Bearings Ltd|BY\nEU.300.9|Theta Chemicals JSC|RU\n");
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "ZWB", DateTime.UtcNow.AddHours(-4), 640001);
        Guid party;
        await using (var db = host.Api.Database.CreateContext())
        {
            var link = await db.Set<Portcullis.Domain.Cargo.ConsignmentParty>().SingleAsync(p => p.ConsignmentId == cargo.ConsignmentId && p.Role == Portcullis.Domain.Cargo.PartyRole.Consignee);
            var row = await db.Parties.SingleAsync(p => p.Id == link.PartyId);
            row.Name = "Theta Chemicals JSC";
            party = row.Id;
            await db.SaveChangesAsync();
        }

        await PassAsync();
        var supervisor = CurrentUserOf("supervisor", ["*"]);
        var rotterdam = CurrentUserOf("analyst", ["RTM"]);
        await using var check = host.Api.Database.CreateContext();
        Assert.Contains(await ReviewHits.QueryAsync(check, supervisor, SanctionsHitStatus.Open, CancellationToken.None), h => h.PartyId == party);
        Assert.DoesNotContain(await ReviewHits.QueryAsync(check, rotterdam, SanctionsHitStatus.Open, CancellationToken.None), h => h.PartyId == party);
        var hit = await check.SanctionsHits.AsNoTracking().SingleAsync(h => h.PartyId == party);
        var refused = await ReviewHits.DecideAsync(check, TimeProvider.System, new SanctionsOptions(), new SelectionOptions(), rotterdam, hit.Id, confirm: true,
            new ReviewHits.DecisionRequest("Looks like the designated entity.", hit.Version), CancellationToken.None);
        Assert.Equal(RefusalKind.NotFound, refused.Refusal!.Kind);
    }

    private static Portcullis.Access.CurrentUser CurrentUserOf(string name, IReadOnlyList<string> hubs) =>
        new(Guid.NewGuid(), name, Portcullis.Access.Roles.TargetingAnalyst, Guid.Empty, "Douane", hubs, [], false);
}
