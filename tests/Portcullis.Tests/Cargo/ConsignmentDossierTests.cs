using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Cargo;
using Portcullis.Domain.Cargo;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Cargo;

/// <summary>The consignment dossier through the API: each part, and each party's history, as the reader may know it.</summary>
public sealed class ConsignmentDossierTests(ConsignmentDossierTests.Setup s) : IClassFixture<ConsignmentDossierTests.Setup>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// One server for the class (its tests only read). A scored consignment at Rotterdam with a control planned in
    /// 10 hours (outside the hub inspector's window); its consignee was on two earlier consignments, one at Rotterdam
    /// 30 days ago (whose container was controlled: a 310 kg hit) and one at Zeeland 20 days ago (outside the hub
    /// inspector's hubs). A second consignment with a control in two hours (inside the window).
    /// </summary>
    public sealed class Setup : IAsyncLifetime
    {
        public ApiHost Host { get; private set; } = null!;

        public CargoFixtures.Seeded Seeded { get; private set; } = null!;

        public CargoFixtures.Seeded Soon { get; private set; } = null!;

        public Guid SelectionId { get; private set; }

        public Guid SoonSelectionId { get; private set; }

        public Guid ConsigneeId { get; private set; }

        public DateTime Now { get; private set; }

        public async ValueTask InitializeAsync()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));
            Host = await ApiHost.StartAsync(Provider.Sqlite, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
            var now = Now = clock.GetUtcNow().UtcDateTime;
            Seeded = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now.AddHours(-2), 520_001);
            Soon = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now.AddHours(-1), 520_004);
            var earlier = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now.AddDays(-30), 520_002);
            var elsewhere = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "ZWB", now.AddDays(-20), 520_003);
            await using (var db = Host.Database.CreateContext())
            {
                ConsigneeId = await db.Set<ConsignmentParty>().Where(p => p.ConsignmentId == Seeded.ConsignmentId && p.Role == PartyRole.Consignee).Select(p => p.PartyId).SingleAsync();
                db.RemoveRange(db.Set<ConsignmentParty>().Where(p => (p.ConsignmentId == earlier.ConsignmentId || p.ConsignmentId == elsewhere.ConsignmentId) && p.Role == PartyRole.Consignee));
                await db.SaveChangesAsync();
            }

            await using (var db = Host.Database.CreateContext())
            {
                db.AddRange(
                    new ConsignmentParty { ConsignmentId = earlier.ConsignmentId, Role = PartyRole.Consignee, PartyId = ConsigneeId },
                    new ConsignmentParty { ConsignmentId = elsewhere.ConsignmentId, Role = PartyRole.Consignee, PartyId = ConsigneeId });
                db.RiskScores.Add(CargoFixtures.ScoreOf(Seeded, now.AddHours(-1)));
                var controlled = now.AddDays(-29);
                db.Selections.Add(SelectionFixtures.ClosedHit(earlier, controlled, 310, why: "earlier control", selectedHoursBefore: 12, closedHoursAfter: 3));
                await db.SaveChangesAsync();
            }

            SelectionId = await SelectionFixtures.AddSelectionAsync(Host.Database, Seeded, now.AddMinutes(-30), now.AddHours(10));
            SoonSelectionId = await SelectionFixtures.AddSelectionAsync(Host.Database, Soon, now.AddMinutes(-30), now.AddHours(2));
        }

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }

    private static string Url(Setup s) => $"/api/v1/consignments/{s.Seeded.ConsignmentId}/dossier";

    [Fact]
    public async Task An_analyst_sees_risk_the_selection_with_why_the_route_and_the_consignees_earlier_hit()
    {
        using var analyst = await s.Host.SignInAsync("analyst");

        var dossier = (await analyst.GetFromJsonAsync<ConsignmentDossier.Dossier>(Url(s), Json))!;

        Assert.Equal(s.Seeded.Reference, dossier.Consignment.Reference);
        var risk = Assert.Single(dossier.Risk!);
        Assert.Equal(0.42, risk.Score);
        Assert.Equal(3, risk.ModelVersion);
        Assert.Equal(["raises", "lowers"], risk.Reasons.Select(r => r.Direction));
        var selection = Assert.Single(dossier.Selections!);
        Assert.Equal(s.SelectionId, selection.Selection.Id);
        Assert.Equal(SelectionFixtures.Why, selection.Selection.Why);
        Assert.Null(dossier.Alarms);
        Assert.Equal([s.Seeded.ContainerNumber], dossier.Containers.Select(c => c.Number));

        var consignee = dossier.Parties.Single(p => p.Role == "Consignee");
        Assert.Equal(s.ConsigneeId, consignee.Id);
        Assert.Equal(2, consignee.History.Earlier);
        Assert.Equal(s.Now.AddDays(-30), consignee.History.FirstArrived);
        Assert.Equal(["RTM", "ZWB"], consignee.History.Hubs);
        Assert.Equal(new PartyHistory.Outcomes(1, 1, 1, 310), consignee.History.Controls);
        Assert.Equal("none", consignee.History.Sanctions);
        var consignor = dossier.Parties.Single(p => p.Role == "Consignor");
        Assert.Equal(0, consignor.History.Earlier);
        Assert.Equal(new PartyHistory.Outcomes(0, 0, 0, 0), consignor.History.Controls);

        Assert.Equal(["ECGYE", "PAMIT", "NLRTM"], dossier.Route.Declared.Select(x => x.Code));
        Assert.Equal(["NLRTM"], dossier.Route.Reported.Select(x => x.Code));
        Assert.Empty(dossier.Route.Unplaced);
        Assert.Contains(dossier.Timeline, t => t.Kind == "risk");
        Assert.Contains(dossier.Timeline, t => t.Kind == "event" && t.Link == $"/containers/{s.Seeded.ContainerNumber}");
        Assert.Equal(dossier.Timeline.OrderBy(t => t.At).Select(t => t.At), dossier.Timeline.Select(t => t.At));
    }

    [Fact]
    public async Task A_hub_inspector_sees_no_risk_no_outcomes_of_parties_and_the_selection_only_inside_its_window()
    {
        using var inspector = await s.Host.SignInAsync("inspector");

        var before = (await inspector.GetFromJsonAsync<ConsignmentDossier.Dossier>(Url(s), Json))!;
        Assert.Null(before.Risk);
        Assert.Empty(before.Selections!);
        Assert.DoesNotContain(before.Timeline, t => t.Kind is "risk" or "selection");
        var consignee = before.Parties.Single(p => p.Role == "Consignee");
        // Only the Rotterdam consignment counts for an inspector of Rotterdam; earlier controls, the entity and sanctions are not theirs to know.
        Assert.Equal(1, consignee.History.Earlier);
        Assert.Equal(["RTM"], consignee.History.Hubs);
        Assert.Null(consignee.History.Controls);
        Assert.Null(consignee.History.Entity);
        Assert.Null(consignee.History.Sanctions);

        var soon = (await inspector.GetFromJsonAsync<ConsignmentDossier.Dossier>($"/api/v1/consignments/{s.Soon.ConsignmentId}/dossier", Json))!;
        var selection = Assert.Single(soon.Selections!);
        Assert.Equal(s.SoonSelectionId, selection.Selection.Id);
        Assert.Null(selection.Selection.Why);
        Assert.Null(soon.Risk);
    }

    [Fact]
    public async Task A_terminal_partner_gets_no_dossier_a_supervisor_sees_alarms_and_an_auditor_no_sanctions()
    {
        using var terminal = await s.Host.SignInAsync("terminal");
        using var supervisor = await s.Host.SignInAsync("supervisor");
        using var auditor = await s.Host.SignInAsync("auditor");

        using var refused = await terminal.GetAsync(Url(s));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("0.42", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var seen = (await supervisor.GetFromJsonAsync<ConsignmentDossier.Dossier>(Url(s), Json))!;
        Assert.NotNull(seen.Alarms);
        Assert.NotNull(seen.Risk);
        var audited = (await auditor.GetFromJsonAsync<ConsignmentDossier.Dossier>(Url(s), Json))!;
        Assert.Null(audited.Alarms);
        Assert.NotNull(audited.Parties.Single(p => p.Role == "Consignee").History.Controls);
        Assert.Null(audited.Parties.Single(p => p.Role == "Consignee").History.Sanctions);
    }

    [Fact]
    public async Task Each_table_downloads_as_csv_and_a_wrong_table_or_id_is_a_problem_naming_the_fix()
    {
        using var analyst = await s.Host.SignInAsync("analyst");

        using var parties = await analyst.GetAsync(Url(s) + "?format=csv&table=parties");
        Assert.Equal(HttpStatusCode.OK, parties.StatusCode);
        Assert.Equal("text/csv", parties.Content.Headers.ContentType?.MediaType);
        var lines = (await parties.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("role,party_id,name,country", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"Consignee,{s.ConsigneeId},Nieuwe Fruithandel BV,NL,", StringComparison.Ordinal) && l.Contains(",2,", StringComparison.Ordinal));

        using var route = await analyst.GetAsync(Url(s) + "?format=csv&table=route");
        var routeLines = (await route.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["declared,1,ECGYE", "declared,2,PAMIT", "declared,3,NLRTM", "reported,1,NLRTM"], routeLines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(3))));

        using var wrong = await analyst.GetAsync(Url(s) + "?format=csv&table=nope");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("use one of timeline, parties, goods, containers, route", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await analyst.GetAsync($"/api/v1/consignments/{Guid.NewGuid()}/dossier");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
