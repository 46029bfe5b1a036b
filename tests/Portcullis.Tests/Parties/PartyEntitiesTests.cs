using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Domain.Cargo;
using Portcullis.Parties;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties;

/// <summary>
/// Entity resolution in the app: a run stores entities and links with their evidence and keeps ids
/// stable; analysts' merges and splits are audited and hold when resolution runs again; the party
/// dossier shows the entity to those who may see it, and bad requests are problem bodies.
/// </summary>
public sealed class PartyEntitiesTests(PartyEntitiesTests.Host host) : IClassFixture<PartyEntitiesTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ApiHost Api { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Api = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Parties:Resolution:CheckEverySeconds"] = "0" });

            // Unrelated parties: the model estimates its weights from the data, and needs some to tell agreement by chance from a match.
            await AddAsync(Api.Database, Fillers("A"));
        }

        public async ValueTask DisposeAsync() => await Api.DisposeAsync();
    }

    private sealed record Problem(string Title, string Detail, int Status);

    internal static IEnumerable<Party> Fillers(string prefix) => Enumerable.Range(0, 200).Select(i => Party($"Filler {prefix}{i} Trading B.V.", "NL",
        street: $"Fillerweg {i + 1}", postcode: $"{1000 + i} {prefix}A", phone: $"+31 20 {1000000 + i}"));

    internal static Party Party(string name, string country, string? eori = null, string? street = null, string? postcode = null, string? phone = null, string? email = null, string? city = null) =>
        new() { Id = Guid.NewGuid(), Name = name, CountryCode = country, Eori = eori, Street = street, Postcode = postcode, City = city, Phone = phone, Email = email, FirstSeen = DateTime.UtcNow.AddDays(-30) };

    internal static async Task AddAsync(Database database, IEnumerable<Party> parties)
    {
        await using var db = database.CreateContext();
        db.Parties.AddRange(parties);
        await db.SaveChangesAsync();
    }

    private Task<ResolveParties.RunResult> ResolveAsync() => ResolveParties.RunAsync(host.Api.Database, TimeProvider.System, "test", TestContext.Current.CancellationToken);

    private async Task<IReadOnlyDictionary<Guid, Guid>> EntitiesAsync(params Guid[] parties)
    {
        await using var scope = host.Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPartyEntities>().EntitiesOfAsync(parties, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Resolve_joins_spelling_variants_keeps_business_centre_neighbours_apart_and_keeps_its_ids(Provider provider)
    {
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var sol = Party("Frutas del Sol S.A.", "EC", street: "Avenida Quito 120", postcode: "090150", phone: "+593 4 2345678", email: "ventas@frutasdelsol.ec", city: "Guayaquil");
        var solAgain = Party("FRUTAS DEL SOL SA", "EC", street: "AV. QUITO 120", postcode: "090150", phone: "+593 (0)4 2345678", email: "ventas@frutasdelsol.ec");
        var solTypo = Party("Frutsa del Sol", "EC", street: "Avenida Quito 120", postcode: "090150", phone: "00593 4 2345678");
        // Three honest tenants of one business centre: the same address, nothing else in common.
        var tenants = new[]
        {
            Party("Orion Logistics B.V.", "NL", street: "Strawinskylaan 3051", postcode: "1077 ZX", phone: "+31 20 7001111", email: "info@orionlog.nl"),
            Party("Pelikaan Consultancy", "NL", street: "Strawinskylaan 3051", postcode: "1077ZX", phone: "+31 20 7002222", email: "mail@pelikaan.nl"),
            Party("Zuidas Holding B.V.", "NL", street: "Strawinskylaan 3051", postcode: "1077 ZX", phone: "+31 20 7003333", email: "office@zuidasholding.nl"),
        };
        await AddAsync(database, [sol, solAgain, solTypo, .. tenants, .. Fillers("B")]);

        var first = await ResolveParties.RunAsync(database, TimeProvider.System, "test", TestContext.Current.CancellationToken);

        await using var db = database.CreateContext();
        var entities = new StoredPartyEntities(db);
        var of = await entities.EntitiesOfAsync([sol.Id, solAgain.Id, solTypo.Id, .. tenants.Select(t => t.Id)], TestContext.Current.CancellationToken);
        Assert.Equal(of[sol.Id], of[solAgain.Id]);
        Assert.Equal(of[sol.Id], of[solTypo.Id]);
        Assert.NotEqual(sol.Id, of[sol.Id]);
        Assert.Equal([.. new[] { sol.Id, solAgain.Id, solTypo.Id }.Order()], await entities.PartiesOfAsync(of[sol.Id], TestContext.Current.CancellationToken));
        foreach (var tenant in tenants)
        {
            Assert.Equal(tenant.Id, of[tenant.Id]);
        }

        var entity = await db.PartyEntities.AsNoTracking().SingleAsync(e => e.Id == of[sol.Id], TestContext.Current.CancellationToken);
        Assert.Equal((3, PartyEntityKind.Company, "EC"), (entity.PartyCount, entity.Kind, entity.CountryCode));
        var link = await db.PartyEntityLinks.AsNoTracking().SingleAsync(l => l.PartyId == solAgain.Id, TestContext.Current.CancellationToken);
        var evidence = ResolveParties.ReadEvidence(link.Evidence);
        Assert.Contains(evidence, e => e.Field == "phone" && e.Text.Contains("+59342345678", StringComparison.Ordinal) && e.Weight > 0);
        // Each stored line keeps its phrase: the party page says it in Dutch ("zelfde telefoonnummer +59342345678").
        Assert.Contains(evidence.Select(e => Components.PhraseAssert.SaidInDutch(e.Phrase!, e.Text)), d => d.StartsWith("zelfde telefoonnummer +59342345678", StringComparison.Ordinal));
        Assert.Equal(PartyLinkSource.Model, link.Source);
        Assert.Equal(1, first.Entities);

        var second = await ResolveParties.RunAsync(database, TimeProvider.System, "test", TestContext.Current.CancellationToken);
        var again = await new StoredPartyEntities(db).EntitiesOfAsync([sol.Id], TestContext.Current.CancellationToken);
        Assert.Equal(of[sol.Id], again[sol.Id]);
        Assert.Equal((1, 0, 0), (second.KeptEntities, second.NewEntities, second.RemovedEntities));
        Assert.Equal(2, await db.PartyResolutionRuns.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Merge_and_split_are_audited_and_hold_when_resolution_runs_again()
    {
        var braikand = Party("Braikand Fruit B.V.", "NL", "NL123456789", "Braistraat 12", "3011 AB", "+31 10 1234567", "info@braikand.nl");
        var braikandAgain = Party("BRAIKAND FRUIT BV", "NL", "NL123456789", "Braistr. 12", "3011AB", "010-1234567", "info@braikand.nl");
        var vrolix = Party("Vrolix Trading GmbH", "DE", "DE123456789012", "Ringallee 3", "24103", "+49 431 555555", "office@vrolix.de");
        await AddAsync(host.Api.Database, [braikand, braikandAgain, vrolix]);
        await ResolveAsync();
        var entity = (await EntitiesAsync(braikand.Id))[braikand.Id];
        Assert.Equal(entity, (await EntitiesAsync(braikandAgain.Id))[braikandAgain.Id]);

        using var analyst = await host.Api.SignInAsync("analyst");
        using var split = await analyst.PostAsJsonAsync($"/api/v1/entities/{entity}/split", new { partyIds = new[] { braikandAgain.Id }, reason = "Second registration belongs to the buyer, not the seller." });
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        using var merge = await analyst.PostAsJsonAsync("/api/v1/entities/merge", new { ids = new[] { braikand.Id, vrolix.Id }, reason = "Vrolix is Braikand's German front: same director." });
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        var merged = (await merge.Content.ReadFromJsonAsync<EntityDecisions.DecisionView>())!;
        Assert.Equal([.. new[] { braikand.Id, vrolix.Id }.Order()], merged.Parties);

        await ResolveAsync();
        var after = await EntitiesAsync(braikand.Id, braikandAgain.Id, vrolix.Id);
        Assert.Equal(after[braikand.Id], after[vrolix.Id]);
        Assert.NotEqual(after[braikand.Id], after[braikandAgain.Id]);
        Assert.Equal(braikandAgain.Id, after[braikandAgain.Id]);

        await using var db = host.Api.Database.CreateContext();
        var audit = await db.Audit.AsNoTracking().Where(a => a.Action == "parties.entity.split" || a.Action == "parties.entity.merge").ToListAsync(TestContext.Current.CancellationToken);
        var splitEntry = Assert.Single(audit, a => a.Action == "parties.entity.split" && a.Subject == $"entity {entity}");
        Assert.Equal("analyst", splitEntry.Actor);
        Assert.Contains("Second registration belongs to the buyer", splitEntry.Detail, StringComparison.Ordinal);
        Assert.Single(audit, a => a.Action == "parties.entity.merge" && a.Detail.Contains("same director", StringComparison.Ordinal) && a.Actor == "analyst");
        var vrolixLink = await db.PartyEntityLinks.AsNoTracking().SingleAsync(l => l.PartyId == vrolix.Id, TestContext.Current.CancellationToken);
        Assert.Equal(PartyLinkSource.Analyst, vrolixLink.Source);
        var mergedLine = ResolveParties.ReadEvidence(vrolixLink.Evidence).Single();
        Assert.Contains("same director", mergedLine.Text, StringComparison.Ordinal);
        Assert.StartsWith("samengevoegd door analyst op ", Components.PhraseAssert.SaidInDutch(mergedLine.Phrase!, mergedLine.Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_party_dossier_shows_the_entity_with_its_evidence_to_those_who_may_see_it()
    {
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", DateTime.UtcNow.AddHours(-3), 770001);
        Guid consignee;
        await using (var db = host.Api.Database.CreateContext())
        {
            consignee = (await db.Set<ConsignmentParty>().SingleAsync(p => p.ConsignmentId == cargo.ConsignmentId && p.Role == PartyRole.Consignee, TestContext.Current.CancellationToken)).PartyId;
            var party = await db.Parties.SingleAsync(p => p.Id == consignee, TestContext.Current.CancellationToken);
            party.Name = "Kwartelhof Import B.V.";
            party.Eori = "NL770001770";
            party.Phone = "+31 10 7700017";
            party.Street = "Kwartelweg 7";
            party.Postcode = "3077 KW";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var twin = Party("KWARTELHOF IMPORT BV", "NL", "NL770001770", "Kwartelweg 7", "3077KW", "0031107700017");
        await AddAsync(host.Api.Database, [twin]);
        await ResolveAsync();

        using var analyst = await host.Api.SignInAsync("analyst");
        var dossier = (await analyst.GetFromJsonAsync<GetParty.PartyDossier>($"/api/v1/parties/{consignee}", TestContext.Current.CancellationToken))!;
        Assert.Equal("Kwartelhof Import B.V.", dossier.Party.Name);
        Assert.Equal("+31 10 7700017", dossier.Party.Phone);
        Assert.True(dossier.Entity.Resolved);
        Assert.Equal([consignee, twin.Id], dossier.Entity.Parties.Select(m => m.PartyId));
        var twinView = dossier.Entity.Parties[1];
        Assert.Equal("model", twinView.Source);
        Assert.Contains(twinView.Evidence, e => e.Field == "EORI" && e.Text == "same EORI NL770001770" && e.Weight > 0);
        Assert.Equal(1, dossier.Consignments.Count);
        Assert.Equal(cargo.ArrivedAt, dossier.Consignments.LastArrived!.Value, TimeSpan.FromSeconds(1));
        Assert.True(dossier.MayMergeOrSplit);

        using var auditor = await host.Api.SignInAsync("auditor");
        var audited = (await auditor.GetFromJsonAsync<GetParty.PartyDossier>($"/api/v1/parties/{twin.Id}", TestContext.Current.CancellationToken))!;
        Assert.False(audited.MayMergeOrSplit);
        Assert.Equal(0, audited.Consignments.Count);
        using var inspector = await host.Api.SignInAsync("inspector");
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync($"/api/v1/parties/{consignee}", TestContext.Current.CancellationToken)).StatusCode);

        var page = await analyst.GetStringAsync($"/parties/{consignee}", TestContext.Current.CancellationToken);
        Assert.Contains("KWARTELHOF IMPORT BV", page, StringComparison.Ordinal);
        Assert.Contains("same EORI", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-testid=\"entity-merge\"", page, StringComparison.Ordinal);
        // The party's own network is drawn on its dossier as on the consignment and container pages.
        Assert.Contains("data-testid=\"entity-network\"", page, StringComparison.Ordinal);
        var auditorPage = await auditor.GetStringAsync($"/parties/{consignee}", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("data-testid=\"entity-merge\"", auditorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_ids_and_reasons_are_answered_with_one_sentence_and_nothing_changes()
    {
        var lone = Party("Quillon Shipping Ltd", "GB", street: "12 Dock Road", postcode: "SO14 3XX", phone: "+44 23 80001234");
        await AddAsync(host.Api.Database, [lone]);
        using var analyst = await host.Api.SignInAsync("analyst");
        var missing = Guid.NewGuid();

        async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadFromJsonAsync<Problem>())!;
        }

        var one = await ProblemAsync(await analyst.PostAsJsonAsync("/api/v1/entities/merge", new { ids = new[] { lone.Id }, reason = "They are one company." }), HttpStatusCode.BadRequest);
        Assert.Equal("Name 2 to 50 party or entity ids in 'ids' to merge; 1 given.", one.Detail);
        var unknown = await ProblemAsync(await analyst.PostAsJsonAsync("/api/v1/entities/merge", new { ids = new[] { lone.Id, missing }, reason = "They are one company." }), HttpStatusCode.NotFound);
        Assert.Equal($"There is no party or entity {missing} on a consignment of your hubs; check the id.", unknown.Detail);
        var noReason = await ProblemAsync(await analyst.PostAsJsonAsync("/api/v1/entities/merge", new { ids = new[] { lone.Id, missing }, reason = " ok " }), HttpStatusCode.BadRequest);
        Assert.StartsWith("Give the reason for the decision in a sentence", noReason.Detail, StringComparison.Ordinal);
        var notEntity = await ProblemAsync(await analyst.PostAsJsonAsync($"/api/v1/entities/{lone.Id}/split", new { partyIds = new[] { lone.Id }, reason = "Not the same company." }), HttpStatusCode.NotFound);
        Assert.StartsWith($"There is no entity {lone.Id} of two or more parties", notEntity.Detail, StringComparison.Ordinal);
        var noParty = await ProblemAsync(await analyst.GetAsync($"/api/v1/parties/{missing}"), HttpStatusCode.NotFound);
        Assert.Contains(missing.ToString(), noParty.Detail, StringComparison.Ordinal);

        await using var db = host.Api.Database.CreateContext();
        var decisions = await db.PartyEntityDecisions.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(decisions, d => d.PartyIds.Contains(lone.Id) || d.OtherPartyIds.Contains(lone.Id));
        Assert.False(await db.PartyEntityLinks.AnyAsync(l => l.PartyId == lone.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_split_that_names_a_stranger_or_every_party_is_refused()
    {
        var a = Party("Ostrava Metal s.r.o.", "CZ", "CZ12345678", "Hornopolni 1", "70200", "+420 596 111222", "obchod@ostravametal.cz");
        var b = Party("OSTRAVA METAL SRO", "CZ", "CZ12345678", "Hornopolni 1", "702 00", "00420596111222", "obchod@ostravametal.cz");
        await AddAsync(host.Api.Database, [a, b]);
        await ResolveAsync();
        var entity = (await EntitiesAsync(a.Id))[a.Id];
        Assert.NotEqual(a.Id, entity);
        using var supervisor = await host.Api.SignInAsync("supervisor");

        using var all = await supervisor.PostAsJsonAsync($"/api/v1/entities/{entity}/split", new { partyIds = new[] { a.Id, b.Id }, reason = "Not the same company at all." });
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Equal("Name in 'partyIds' the parties to take out of the entity: at least one, and fewer than its 2.", (await all.Content.ReadFromJsonAsync<Problem>())!.Detail);
        var stranger = Guid.NewGuid();
        using var other = await supervisor.PostAsJsonAsync($"/api/v1/entities/{entity}/split", new { partyIds = new[] { stranger }, reason = "Not the same company at all." });
        Assert.Equal($"Party {stranger} is not in entity {entity}; take out only parties of the entity.", (await other.Content.ReadFromJsonAsync<Problem>())!.Detail);
        Assert.Equal(entity, (await EntitiesAsync(b.Id))[b.Id]);
    }
}
