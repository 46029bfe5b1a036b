using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Selection;

/// <summary>Selection, inspection and leak control through the real API on both databases.</summary>
public sealed class SelectionApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<(ApiHost Host, FakeTimeProvider Clock)> StartAsync(Provider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = await ApiHost.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        return (host, clock);
    }

    private static DateOnly Today(FakeTimeProvider clock) => Shifts.LocalDate(clock.GetUtcNow().UtcDateTime);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Filling_a_plan_never_exceeds_any_shift_and_uses_every_free_slot(Provider provider)
    {
        var (host, clock) = await StartAsync(provider);
        await using var _ = host;
        // Tomorrow, so that no shift is over; twelve containers arriving through the day.
        var day = Today(clock).AddDays(1);
        var (from, _) = Shifts.Day(day);
        for (var i = 0; i < 12; i++)
        {
            await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", from.AddHours(1 + (i * 1.9)), 200_000 + i);
        }

        using var supervisor = await host.SignInAsync("supervisor");
        var capacity = await supervisor.PutAsJsonAsync($"/api/v1/capacity/RTM/{day:yyyy-MM-dd}", new
        {
            shifts = new[] { new { shift = "early", scannerSlots = 3, physicalInspections = 1 }, new { shift = "late", scannerSlots = 2, physicalInspections = 1 }, new { shift = "night", scannerSlots = 0, physicalInspections = 0 } },
        });
        Assert.Equal(HttpStatusCode.OK, capacity.StatusCode);
        var bad = await supervisor.PutAsJsonAsync($"/api/v1/capacity/RTM/{day:yyyy-MM-dd}", new { shifts = new[] { new { shift = "noon", scannerSlots = 3, physicalInspections = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        using var analyst = await host.SignInAsync("analyst");
        var filled = await (await analyst.PostAsJsonAsync("/api/v1/selections/plan", new { hub = "RTM", date = day })).Content.ReadFromJsonAsync<FillPlan.FillSummary>(Json);
        Assert.Equal(5, filled!.Capacity);
        Assert.Equal(12, filled.Candidates);
        Assert.Equal(5, filled.Targeted + filled.Exploration + filled.Control + filled.WatchList);
        Assert.Equal(filled.Targeted + filled.Exploration + filled.Control + filled.WatchList, filled.Orders);

        // A second fill finds no free slot.
        var again = await (await analyst.PostAsJsonAsync("/api/v1/selections/plan", new { hub = "RTM", date = day })).Content.ReadFromJsonAsync<FillPlan.FillSummary>(Json);
        Assert.Equal(5, again!.AlreadySelected);
        Assert.Equal(0, again.Targeted + again.Exploration + again.Control + again.WatchList);

        var selections = await analyst.GetFromJsonAsync<List<GetSelections.SelectionView>>($"/api/v1/selections?hub=RTM&date={day:yyyy-MM-dd}", Json);
        Assert.Equal(5, selections!.Count);
        Assert.True(selections.Count(s => s.Shift == "early") <= 3);
        Assert.True(selections.Count(s => s.Shift == "late") <= 2);
        Assert.DoesNotContain(selections, s => s.Shift == "night");
        Assert.All(selections, s => Assert.False(string.IsNullOrWhiteSpace(s.Why)));
        Assert.Equal(5, selections.Select(s => s.Unit).Distinct().Count());

        // The planner's reasons are stored with their phrases: the Dutch selection list says them, the API keeps the English.
        List<SelectionCase> stored;
        await using (var db = host.Database.CreateContext())
        {
            stored = await db.Selections.AsNoTracking().Where(s => s.PlanDate == day).ToListAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(selections.Select(s => s.Why).Order(StringComparer.Ordinal), stored.Select(s => s.Why).Order(StringComparer.Ordinal));
        var dutch = stored.Select(s => (s.Reason, Text: Components.PhraseAssert.SaidInDutch(s.WhyPhrase!, s.Why))).ToList();
        Assert.All(dutch, d => Assert.StartsWith(d.Reason switch { SelectionReason.Targeted => "Gericht: ", SelectionReason.Control => "Steekproef: ", _ => "Verkenning: " }, d.Text, StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/selections?hub=RTM&date={day:yyyy-MM-dd}");
        request.Headers.Add("Accept-Language", "nl-NL");
        using var response = await analyst.SendAsync(request, TestContext.Current.CancellationToken);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.All(dutch, d => Assert.Contains(d.Text, page, StringComparison.Ordinal));
        Assert.DoesNotContain(">Targeted<", page, StringComparison.Ordinal);

        // The planner's note in each history: the API keeps the exact English, the Dutch inspection page says it in Dutch.
        foreach (var (selection, shiftInDutch) in new[] { "early", "late" }.Select(shift => selections.First(s => s.Shift == shift)).Zip(["vroege dienst", "late dienst"]))
        {
            var detail = await analyst.GetFromJsonAsync<GetSelections.SelectionDetail>($"/api/v1/selections/{selection.Id}", Json, TestContext.Current.CancellationToken);
            Assert.Equal($"Planned in the {selection.Shift} shift.", Assert.Single(detail!.History).Note);
            using var inspection = new HttpRequestMessage(HttpMethod.Get, $"/inspections/{selection.Id}");
            inspection.Headers.Add("Accept-Language", "nl-NL");
            using var shown = await analyst.SendAsync(inspection, TestContext.Current.CancellationToken);
            var html = WebUtility.HtmlDecode(await shown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Contains($"Ingepland in de {shiftInDutch}.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Planned in the", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Manual_selection_needs_a_reason_and_displaces_the_least_valuable_pick_when_full(Provider provider)
    {
        var (host, clock) = await StartAsync(provider);
        await using var _ = host;
        var day = Today(clock).AddDays(1);
        var (from, _) = Shifts.Day(day);
        // Vessels early in the morning, so that the boxes (planned on the usual discharge delay and transfer) are ready in the early shift.
        var a = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", from.AddHours(1), 300_001);
        var b = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", from.AddHours(2), 300_002);
        await using (var db = host.Database.CreateContext())
        {
            db.RiskScores.Add(new RiskScore { ConsignmentId = a.ConsignmentId, HubCode = "RTM", ScoredAt = from, ArrivedAt = a.ArrivedAt, Score = 0.9, RuleScore = 0.9 });
            db.CapacityPlans.AddRange(Shifts.Names.Select(s => new CapacityPlan { HubCode = "RTM", Date = day, Shift = s, ScannerSlots = s == Shifts.Early ? 1 : 0, PhysicalInspections = 1, UpdatedBy = "test", UpdatedAt = from }));
            await db.SaveChangesAsync();
        }

        using var analyst = await host.SignInAsync("analyst");
        await analyst.PostAsJsonAsync("/api/v1/selections/plan", new { hub = "RTM", date = day });
        var planned = Assert.Single((await analyst.GetFromJsonAsync<List<GetSelections.SelectionView>>($"/api/v1/selections?hub=RTM&date={day:yyyy-MM-dd}", Json))!);

        var noReason = await analyst.PostAsJsonAsync("/api/v1/selections", new { hub = "RTM", unit = b.ContainerNumber, reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await noReason.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail, StringComparison.OrdinalIgnoreCase);

        var unit = planned.Unit == a.ContainerNumber ? b.ContainerNumber : a.ContainerNumber;
        var manual = await analyst.PostAsJsonAsync("/api/v1/selections", new { hub = "RTM", unit, reason = "Informant: rip-off team at the terminal tonight." });
        Assert.Equal(HttpStatusCode.Created, manual.StatusCode);
        var created = await manual.Content.ReadFromJsonAsync<GetSelections.SelectionView>(Json);
        Assert.Equal("Manual", created!.Reason);
        Assert.Equal("Informant: rip-off team at the terminal tonight.", created.Why);

        var after = (await analyst.GetFromJsonAsync<List<GetSelections.SelectionView>>($"/api/v1/selections?hub=RTM&date={day:yyyy-MM-dd}", Json))!;
        Assert.Equal(unit, Assert.Single(after, s => s.State != "Released").Unit);
        Assert.Equal(planned.Id, Assert.Single(after, s => s.State == "Released").Id);
    }

    [Fact]
    public async Task The_inspection_team_sees_a_selection_only_from_its_window()
    {
        var (host, clock) = await StartAsync(Provider.Sqlite);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(9), 400_001);
        var id = await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now, now.AddHours(10));
        var day = Shifts.LocalDate(now.AddHours(10));

        using var inspector = await host.SignInAsync("inspector");
        using var analyst = await host.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/selections/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/api/v1/selections/{id}")).StatusCode);
        Assert.Empty((await inspector.GetFromJsonAsync<List<GetSelections.SelectionView>>($"/api/v1/selections?hub=RTM&date={day:yyyy-MM-dd}", Json))!);

        clock.Advance(TimeSpan.FromHours(6) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/api/v1/selections/{id}")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(2));
        var seen = await inspector.GetFromJsonAsync<GetSelections.SelectionDetail>($"/api/v1/selections/{id}", Json);
        Assert.Equal(seeded.ContainerNumber, seen!.Selection.Unit);
        // Blind to why and how risky: a control pick must be inspected like any other.
        Assert.Null(seen.Selection.Reason);
        Assert.Null(seen.Selection.Why);
        Assert.Null(seen.Selection.Risk);
        Assert.Single((await inspector.GetFromJsonAsync<List<GetSelections.SelectionView>>($"/api/v1/selections?hub=RTM&date={day:yyyy-MM-dd}", Json))!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_control_runs_through_the_workflow_and_its_result_becomes_a_dated_label(Provider provider)
    {
        var (host, clock) = await StartAsync(provider);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(-1), 500_001);
        var id = await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now.AddHours(-2), now.AddHours(1));
        using var scan = await host.SignInAsync("scananalyst");
        using var inspector = await host.SignInAsync("inspector");

        async Task<HttpResponseMessage> Post(HttpClient client, string step, object body) => await client.PostAsJsonAsync($"/api/v1/selections/{id}/{step}", body);

        var early = await Post(inspector, "physical", new { version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("scheduled", (await early.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Post(scan, "scan", new { version = 1, scanReference = "RTM-SCAN-3 img 0042" })).StatusCode);
        var stale = await Post(scan, "verdict", new { version = 1, verdict = "suspicious" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("version 1", (await stale.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(inspector, "verdict", new { version = 2, verdict = "suspicious" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(scan, "verdict", new { version = 2, verdict = "maybe" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(scan, "verdict", new { version = 2, verdict = "needs-physical" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(inspector, "physical", new { version = 3 })).StatusCode);

        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4 };
        var uploaded = await inspector.PostAsync($"/api/v1/selections/{id}/photos?fileName=doors.jpg", new ByteArrayContent(photo));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var photoView = await uploaded.Content.ReadFromJsonAsync<GetSelections.PhotoView>(Json);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)), photoView!.Sha256);
        Assert.Equal(photo, await inspector.GetByteArrayAsync($"/api/v1/selections/{id}/photos/{photoView.Id}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await inspector.PostAsync($"/api/v1/selections/{id}/photos", new StringContent("not an image"))).StatusCode);

        var noCustody = await Post(inspector, "close", new { version = 4, findings = new[] { new { substance = "cocaine", kilograms = 212.5, packages = 190, concealment = "among-cargo-near-doors" } }, sealEvidence = "Seal ML-EC1234567 replaced by ML-EC7654321" });
        Assert.Equal(HttpStatusCode.BadRequest, noCustody.StatusCode);
        Assert.Contains("chain-of-custody", (await noCustody.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(3));
        var closed = await Post(inspector, "close", new
        {
            version = 4,
            findings = new[] { new { substance = "cocaine", kilograms = 212.5, packages = 190, concealment = "among-cargo-near-doors", description = "Sports bags behind the first pallet row" } },
            sealEvidence = "Seal ML-EC1234567 replaced by ML-EC7654321",
            chainOfCustody = "COC-RTM-2026-000417",
        });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(inspector, "close", new { version = 5 })).StatusCode);

        using var analyst = await host.SignInAsync("analyst");
        var detail = await analyst.GetFromJsonAsync<GetSelections.SelectionDetail>($"/api/v1/selections/{id}", Json);
        Assert.Equal("Closed", detail!.Selection.State);
        Assert.True(detail.Selection.Hit);
        Assert.Equal(212.5, detail.Selection.SeizedKg);
        Assert.Equal("AmongCargoNearDoors", Assert.Single(detail.Findings).Concealment);
        Assert.Equal("COC-RTM-2026-000417", detail.ChainOfCustody);
        Assert.Equal(["Scheduled", "Scanned", "ScanAssessed", "PhysicalInspection", "Closed"], detail.History.Select(h => h.To));

        // The result is a label dated at closing: the next training sees it, scores made before it never could.
        var closedAt = clock.GetUtcNow().UtcDateTime;
        await using var db = host.Database.CreateContext();
        var cases = await CaseSources.LoadAsync(db, null, CancellationToken.None, [seeded.ConsignmentId]);
        var label = Assert.Single(cases).Label;
        Assert.NotNull(label);
        Assert.True(label.Hit);
        Assert.Equal(212.5, label.SeizedKg);
        Assert.Equal(closedAt, label.KnownAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_terminal_learns_only_the_operational_order_and_only_from_its_release()
    {
        var (host, clock) = await StartAsync(Provider.Sqlite);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(5), 600_001);
        var id = await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now, now.AddHours(5));
        using var token = await host.WithTokenAsync(Roles.TerminalPartner, "RTM", "orders:read");
        using var person = await host.SignInAsync("terminal");

        Assert.Empty((await token.GetFromJsonAsync<List<TerminalOrders.TerminalOrderView>>("/api/v1/orders", Json))!);
        clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        var order = Assert.Single((await token.GetFromJsonAsync<List<TerminalOrders.TerminalOrderView>>("/api/v1/orders", Json))!);
        Assert.Equal(seeded.ContainerNumber, order.ContainerNumber);
        Assert.Contains("secured area", order.Instruction, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await person.PostAsJsonAsync($"/api/v1/orders/{order.Id}/acknowledge", new { note = "planned for the secure stack" })).StatusCode);

        // Every GET endpoint of the API, with real ids, through the token and the person: nothing
        // answered may carry a score, a reason or the selection type.
        var forbidden = new[] { SelectionFixtures.Why, "Targeted", "targeted", "Exploration", "Control\"", "\"risk", "\"score", "\"reason", "\"why", "0.31", "77.5" };
        var routes = host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        Assert.True(routes.Count > 20);
        var day = Shifts.LocalDate(now.AddHours(5));
        foreach (var route in routes)
        {
            var url = System.Text.RegularExpressions.Regex.Replace(route, "{([a-zA-Z]+)[^}]*}", m => m.Groups[1].Value switch
            {
                "id" when route.Contains("selections", StringComparison.Ordinal) => id.ToString(),
                "id" or "consignmentId" => seeded.ConsignmentId.ToString(),
                "number" or "unit" => seeded.ContainerNumber,
                "hub" => "RTM",
                "date" => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => Guid.Empty.ToString(),
            }) + $"?hub=RTM&date={day:yyyy-MM-dd}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
            foreach (var client in new[] { token, person })
            {
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    Assert.All(forbidden, word => Assert.DoesNotContain(word, body, StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task The_inspection_team_learns_neither_why_nor_by_whom_from_any_view_history_included()
    {
        var (host, clock) = await StartAsync(Provider.Sqlite);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var kept = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(8), 650_001);
        var withdrawn = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(8), 650_002);
        const string reason = "Informant: rip-on crew on the night shift.";
        const string scheduleNote = "Moved up: the informant expects a pickup tonight.";
        const string releaseReason = "Informant withdrew the tip; stand down.";

        using var analyst = await host.SignInAsync("analyst");
        using var supervisor = await host.SignInAsync("supervisor");
        var first = (await (await analyst.PostAsJsonAsync("/api/v1/selections", new { hub = "RTM", unit = kept.ContainerNumber, reason, kind = "alarm" })).Content.ReadFromJsonAsync<GetSelections.SelectionView>(Json))!;
        var second = (await (await analyst.PostAsJsonAsync("/api/v1/selections", new { hub = "RTM", unit = withdrawn.ContainerNumber, reason, kind = "manual" })).Content.ReadFromJsonAsync<GetSelections.SelectionView>(Json))!;
        // Both controls within the inspection window from now on: moved up by the analyst, one then withdrawn by the supervisor.
        foreach (var id in new[] { first.Id, second.Id })
        {
            Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsJsonAsync($"/api/v1/selections/{id}/schedule", new { version = 1, at = now.AddHours(3), note = scheduleNote })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/selections/{second.Id}/release", new { version = 2, reason = releaseReason })).StatusCode);

        // What the targeting team wrote, and who they are, in any form a view could carry it.
        var forbidden = new[]
        {
            reason, scheduleNote, releaseReason, "Selected by hand", "(Alarm)", "(Manual)", "\"Alarm\"", "\"Manual\"", "\"analyst\"", "\"supervisor\"",
        };
        var day = Shifts.LocalDate(now.AddHours(3));
        foreach (var (user, hubs) in new[] { ("inspector", "RTM"), ("scananalyst", "*") })
        {
            using var client = await host.SignInAsync(user);
            var bodies = new List<(string What, string Body)>();
            foreach (var id in new[] { first.Id, second.Id })
            {
                var detail = await client.GetAsync($"/api/v1/selections/{id}");
                Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
                var text = await detail.Content.ReadAsStringAsync();
                bodies.Add(($"detail of {id}", text));
                var parsed = JsonSerializer.Deserialize<GetSelections.SelectionDetail>(text, Json)!;
                // The states and times stay: the history still says what happened and when.
                Assert.Contains(parsed.History, h => h.To == "Scheduled" && h.By is null && h.Note is null);
            }

            bodies.Add(("list", await client.GetStringAsync($"/api/v1/selections?hub=RTM&date={day:yyyy-MM-dd}")));
            bodies.Add(("page", await client.GetStringAsync($"/selections?hub=RTM&date={day:yyyy-MM-dd}")));
            foreach (var (what, body) in bodies)
            {
                Assert.All(forbidden, word => Assert.False(body.Contains(word, StringComparison.Ordinal), $"{user} ({hubs}) sees '{word}' in the {what}: {body[..Math.Min(body.Length, 2000)]}"));
            }
        }

        // The inspection team's own steps keep their author and note for everyone who may see them.
        using var scan = await host.SignInAsync("scananalyst");
        var scanned = await scan.PostAsJsonAsync($"/api/v1/selections/{first.Id}/scan", new { version = 2, scanReference = "RTM-SCAN-1 img 7", note = "Dense mass behind the cooling unit." });
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        var scannedBody = await scanned.Content.ReadAsStringAsync();
        Assert.All(forbidden, word => Assert.DoesNotContain(word, scannedBody, StringComparison.Ordinal));
        using var inspector = await host.SignInAsync("inspector");
        var seen = (await inspector.GetFromJsonAsync<GetSelections.SelectionDetail>($"/api/v1/selections/{first.Id}", Json))!;
        var own = Assert.Single(seen.History, h => h.To == "Scanned");
        Assert.Equal(("scananalyst", "Dense mass behind the cooling unit."), (own.By, own.Note));

        // The targeting team and, after the control, audit still see everything.
        var informed = (await analyst.GetFromJsonAsync<GetSelections.SelectionDetail>($"/api/v1/selections/{second.Id}", Json))!;
        Assert.Equal(["Selected by hand (Manual); planned in the " + informed.Selection.Shift + " shift.", scheduleNote, releaseReason], informed.History.Select(h => h.Note));
        Assert.Equal(["analyst", "analyst", "supervisor"], informed.History.Select(h => h.By));
        using var auditor = await host.SignInAsync("auditor");
        var audited = (await auditor.GetFromJsonAsync<GetSelections.SelectionDetail>($"/api/v1/selections/{second.Id}", Json))!;
        Assert.Equal(releaseReason, audited.History[^1].Note);
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task Rescheduling_a_control_moves_its_pending_secure_lane_order_with_it()
    {
        var (host, clock) = await StartAsync(Provider.Sqlite);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(1), 660_001);
        var id = await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now, now.AddHours(10));
        using var analyst = await host.SignInAsync("analyst");
        using var terminal = await host.WithTokenAsync(Roles.TerminalPartner, "RTM", "orders:read");

        async Task<DateTime> ReleaseAtAsync()
        {
            await using var db = host.Database.CreateContext();
            return (await db.SecureLaneOrders.AsNoTracking().SingleAsync(o => o.SelectionId == id)).ReleaseAt;
        }

        Assert.Equal(now.AddHours(8), await ReleaseAtAsync(), TimeSpan.FromSeconds(1));

        // Later: the box still comes off the vessel when expected (here: at the first planned control), and the
        // terminal needs the order before that discharge, so its release stays the lead time before it.
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsJsonAsync($"/api/v1/selections/{id}/schedule", new { version = 1, at = now.AddHours(12) })).StatusCode);
        Assert.Equal(now.AddHours(8), await ReleaseAtAsync(), TimeSpan.FromSeconds(1));

        // Earlier: the order is released the lead time before the new control, not after it.
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsJsonAsync($"/api/v1/selections/{id}/schedule", new { version = 2, at = now.AddHours(5) })).StatusCode);
        Assert.Equal(now.AddHours(3), await ReleaseAtAsync(), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1));
        Assert.Empty((await terminal.GetFromJsonAsync<List<TerminalOrders.TerminalOrderView>>("/api/v1/orders", Json))!);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(seeded.ContainerNumber, Assert.Single((await terminal.GetFromJsonAsync<List<TerminalOrders.TerminalOrderView>>("/api/v1/orders", Json))!).ContainerNumber);

        // Sooner than the lead time: released at once, never after the control.
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsJsonAsync($"/api/v1/selections/{id}/schedule", new { version = 3, at = clock.GetUtcNow().UtcDateTime.AddMinutes(30) })).StatusCode);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, await ReleaseAtAsync(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Who_knew_lists_exactly_the_people_who_could_and_did_see_before_the_control()
    {
        var (host, clock) = await StartAsync(Provider.Sqlite);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(8), 700_001);
        using var admin = await host.SignInAsync("admin");
        // An analyst for another hub must not appear; a second terminal token for RTM must.
        await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "zwb.analyst", role = "targeting-analyst", organisation = "Douane", hubs = new[] { "ZWB" }, password = "a-long-enough-password" });
        await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "ect-tos", role = "terminal-partner", organisation = "ECT Delta Terminal", scopes = new[] { "orders:read" }, hubs = new[] { "RTM" } });

        using var analyst = await host.SignInAsync("analyst");
        var created = await (await analyst.PostAsJsonAsync("/api/v1/selections", new { hub = "RTM", unit = seeded.ContainerNumber, reason = "Informant: cover load for a front company." })).Content.ReadFromJsonAsync<GetSelections.SelectionView>(Json);
        await using (var db = host.Database.CreateContext())
        {
            // Planned control in ten hours, so the inspection window opens in six.
            var s = await db.Selections.SingleAsync(x => x.Id == created!.Id);
            s.PlannedControlAt = now.AddHours(10);
            await db.SaveChangesAsync();
            var o = await db.SecureLaneOrders.SingleAsync(x => x.SelectionId == s.Id);
            o.ReleaseAt = now.AddHours(8);
            await db.SaveChangesAsync();
        }

        using var supervisor = await host.SignInAsync("supervisor");
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/v1/selections/{created!.Id}")).StatusCode);
        using var inspector = await host.SignInAsync("inspector");
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/api/v1/selections/{created.Id}")).StatusCode);
        clock.Advance(TimeSpan.FromHours(6));
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/api/v1/selections/{created.Id}")).StatusCode);
        clock.Advance(TimeSpan.FromHours(1.5));
        using var terminal = await host.SignInAsync("terminal");
        Assert.Single((await terminal.GetFromJsonAsync<List<TerminalOrders.TerminalOrderView>>("/api/v1/orders", Json))!);

        var report = await supervisor.GetFromJsonAsync<WhoKnew.Report>($"/api/v1/audit/who-knew/{seeded.ContainerNumber}", Json);
        var entries = Assert.Single(report!.Selections).Entries;
        var could = entries.Where(e => e.Kind == "could see").Select(e => e.Who).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["analyst", "inspector", "scananalyst", "supervisor", "terminal", "token:ect-tos"], could);
        var saw = entries.Where(e => e.Kind == "saw").Select(e => (e.Who, e.What.Split(':')[0])).ToList();
        Assert.Equal([("supervisor", "view.selection"), ("inspector", "view.selection"), ("terminal", "view.order")], saw);
        var acted = Assert.Single(entries, e => e.Kind == "acted");
        Assert.Equal("analyst", acted.Who);
        Assert.StartsWith("selection.create", acted.What, StringComparison.Ordinal);
        Assert.Equal(entries.OrderBy(e => e.At).Select(e => e.At), entries.Select(e => e.At));
        Assert.Equal("Douane", entries.First(e => e.Who == "supervisor").Organisation);
        // The inspector could see it from the window (control minus four hours), not before.
        Assert.Equal(now.AddHours(6), entries.First(e => e.Who == "inspector" && e.Kind == "could see").At, TimeSpan.FromSeconds(1));
        Assert.Equal("inspection team of RTM", entries.First(e => e.Who == "inspector" && e.Kind == "could see").What);
        Assert.Equal("targeting team of RTM", entries.First(e => e.Who == "analyst" && e.Kind == "could see").What);
        Assert.StartsWith("the secure-lane order to ", entries.First(e => e.Who == "token:ect-tos").What, StringComparison.Ordinal);

        // The page says the same report in Dutch from its phrases; the API's JSON carries none of them.
        var json = await supervisor.GetStringAsync($"/api/v1/audit/who-knew/{seeded.ContainerNumber}");
        Assert.DoesNotContain("whatPhrase", json, StringComparison.OrdinalIgnoreCase);
        await using var context = host.Database.CreateContext();
        var built = Assert.Single((await WhoKnew.BuildAsync(context, new SelectionOptions(), seeded.ContainerNumber, _ => true, TestContext.Current.CancellationToken)).Selections).Entries;
        var inspectorCould = built.First(e => e.Who == "inspector" && e.Kind == "could see");
        Assert.Contains("controleteam", PhraseAssert.SaidInDutch(inspectorCould.WhatPhrase!, inspectorCould.What), StringComparison.Ordinal);
        var order = built.First(e => e.Who == "token:ect-tos");
        PhraseAssert.SaidInDutch(order.WhatPhrase!, order.What);
        var seen = built.First(e => e.Kind == "saw");
        Assert.Equal(("view.selection", seen.What.Split(": ", 2)[1]), (seen.Action, seen.Detail));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_gate_out_of_a_selected_container_raises_a_critical_alarm_for_the_hub_supervisors(Provider provider)
    {
        var (host, clock) = await StartAsync(provider);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(-1), 800_001);
        await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now.AddMinutes(-30), now.AddHours(2));

        using var supervisor = await host.SignInAsync("supervisor");
        var gateOut = new ContainerEvent { Id = Guid.NewGuid(), ContainerNumber = seeded.ContainerNumber, Type = ContainerEventType.GateOut, OccurredAt = now.AddMinutes(-5), UnLocode = "NLRTM", Facility = "ECTDELTA", Source = "ECT" };
        using var stream = new MemoryStream();
        Portcullis.Ingest.Dcsa.DcsaEventWriter.Write(stream, [gateOut]);
        var ingested = await supervisor.PostAsync("/api/v1/ingest/dcsa/events", new ByteArrayContent(stream.ToArray()) { Headers = { ContentType = new("application/json") } });
        Assert.Equal(HttpStatusCode.Accepted, ingested.StatusCode);

        await using (var db = host.Database.CreateContext())
        {
            var pass = await SecureLane.RunPassAsync(db, clock, new SelectionOptions(), CancellationToken.None);
            Assert.Equal(AlarmKind.GateOut, Assert.Single(pass.Alarms).Kind);
            // Idempotent: the same event never raises a second alarm.
            Assert.Empty((await SecureLane.RunPassAsync(db, clock, new SelectionOptions(), CancellationToken.None)).Alarms);
        }

        var alarm = Assert.Single((await supervisor.GetFromJsonAsync<List<ListAlarms.AlarmView>>("/api/v1/alarms", Json))!);
        Assert.Equal(seeded.ContainerNumber, alarm.ContainerNumber);
        Assert.Equal("critical", alarm.Severity);
        Assert.Equal("GateOut", alarm.Kind);
        using var analyst = await host.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/alarms")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/acknowledge", new { note = "Truck stopped at the gate by KMar." })).StatusCode);
        // Acknowledged is taken on, not over: it stays on the list until it is resolved.
        Assert.Equal("acknowledged", Assert.Single((await supervisor.GetFromJsonAsync<List<ListAlarms.AlarmView>>("/api/v1/alarms", Json))!).Status);
    }

    [Fact]
    public async Task Every_view_of_a_selection_is_logged_with_who_when_and_organisation()
    {
        var (host, clock) = await StartAsync(Provider.Sqlite);
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(20), 900_001);
        var id = await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now, now.AddDays(1));
        using var analyst = await host.SignInAsync("analyst");
        await analyst.GetAsync($"/api/v1/selections/{id}");
        await analyst.GetAsync($"/api/v1/selections?hub=RTM&date={Shifts.LocalDate(now.AddDays(1)):yyyy-MM-dd}");
        await analyst.GetAsync($"/api/v1/risk/containers/{seeded.ContainerNumber}");

        await using var db = host.Database.CreateContext();
        var views = await db.Audit.AsNoTracking().Where(a => a.Subject == $"container {seeded.ContainerNumber}" && a.Action == "view.selection").ToListAsync();
        Assert.Equal(2, views.Count);
        Assert.All(views, v => Assert.Equal("analyst", v.Actor));
        Assert.All(views, v => Assert.NotNull(v.OrganisationId));
        Assert.All(views, v => Assert.Equal(now, v.At, TimeSpan.FromSeconds(1)));
        Assert.Empty(await db.Audit.AsNoTracking().Where(a => a.Subject == $"container {seeded.ContainerNumber}" && a.Action == "view.score").ToListAsync());

        // A scored container: reading its score is logged too.
        db.RiskScores.Add(new RiskScore { ConsignmentId = seeded.ConsignmentId, HubCode = "RTM", ScoredAt = now, ArrivedAt = seeded.ArrivedAt, Score = 0.4, RuleScore = 0.4 });
        await db.SaveChangesAsync();
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/risk/containers/{seeded.ContainerNumber}")).StatusCode);
        Assert.Single(await db.Audit.AsNoTracking().Where(a => a.Subject == $"container {seeded.ContainerNumber}" && a.Action == "view.score" && a.Actor == "analyst").ToListAsync());
    }
}
