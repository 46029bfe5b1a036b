using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Tests.Infrastructure;
using Portcullis.Worklists;

namespace Portcullis.Tests.Worklists;

/// <summary>
/// The worklists over HTTP against real SQLite with the app's composition, on a fixed clock:
/// Wednesday 10 June 2026, 09:00 UTC = 11:00 in Amsterdam, the early shift.
/// </summary>
public sealed class WorklistApiTests
{
    private static readonly DateTime Now = new(2026, 6, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 6, 10);

    private static async Task<(ApiHost Host, FakeTimeProvider Clock)> StartAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var host = await ApiHost.StartAsync(Provider.Sqlite, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        return (host, clock);
    }

    [Fact]
    public async Task An_inspector_sees_only_todays_controls_of_its_hubs_inside_the_window_by_shift()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var created = Now.AddDays(-1);
        var early = await SelectAsync(host, "RTM", 200001, created, Now.AddHours(1));
        var late = await SelectAsync(host, "RTM", 200002, created, new DateTime(2026, 6, 10, 16, 0, 0, DateTimeKind.Utc), Shifts.Late);
        var otherHub = await SelectAsync(host, "ZWB", 200003, created, Now.AddHours(1));
        var tomorrow = await SelectAsync(host, "RTM", 200004, created, Now.AddDays(1));
        var released = await SelectAsync(host, "RTM", 200005, created, Now.AddMinutes(30));
        await using (var db = host.Database.CreateContext())
        {
            await db.Selections.Where(s => s.Id == released.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SelectionState.Released), TestContext.Current.CancellationToken);
        }

        using var inspector = await host.SignInAsync("inspector");
        var list = await inspector.GetFromJsonAsync<InspectorWorklist.Worklist>("/api/v1/worklists/inspector", TestContext.Current.CancellationToken);

        Assert.NotNull(list);
        Assert.Equal(Today, list.Day);
        Assert.Equal(["RTM"], list.Hubs);
        Assert.Equal([Shifts.Early, Shifts.Late, Shifts.Night], list.Shifts.Select(s => s.Shift));
        var earlyShift = list.Shifts[0];
        Assert.Equal([early.Id], earlyShift.Controls.Select(c => c.Id));
        // The inspection team is blind to why and how risky: only the unit and the time.
        Assert.Null(earlyShift.Controls[0].Why);
        Assert.Null(earlyShift.Controls[0].Risk);
        Assert.Empty(list.Shifts[1].Controls);
        Assert.Equal(1, list.Shifts[1].Later);
        Assert.Equal(0, list.Shifts[0].Later);
        Assert.Equal(1, list.Later);
        var shown = list.Shifts.SelectMany(s => s.Controls).Select(c => c.Id).ToList();
        Assert.DoesNotContain(otherHub.Id, shown);
        Assert.DoesNotContain(tomorrow.Id, shown);
        Assert.DoesNotContain(released.Id, shown);
        // Shift boundaries in local time: early is 06:00–14:00 in Amsterdam, 04:00–12:00 UTC in summer.
        Assert.Equal(new DateTime(2026, 6, 10, 4, 0, 0, DateTimeKind.Utc), earlyShift.Start);
        Assert.Equal(new DateTime(2026, 6, 10, 12, 0, 0, DateTimeKind.Utc), earlyShift.End);

        var csv = await inspector.GetStringAsync("/api/v1/worklists/inspector?format=csv", TestContext.Current.CancellationToken);
        Assert.Contains(early.Unit, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(late.Unit, csv, StringComparison.Ordinal);

        // Once the late control's window opens (four hours before 16:00 UTC), it is shown.
        clock.SetUtcNow(new DateTimeOffset(2026, 6, 10, 12, 30, 0, TimeSpan.Zero));
        list = await inspector.GetFromJsonAsync<InspectorWorklist.Worklist>("/api/v1/worklists/inspector", TestContext.Current.CancellationToken);
        Assert.Equal([late.Id], list!.Shifts[1].Controls.Select(c => c.Id));
        Assert.Equal(0, list.Later);

        using var otherHubRequest = await inspector.GetAsync("/api/v1/worklists/inspector?hub=ZWB", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, otherHubRequest.StatusCode);
        Assert.Equal("application/problem+json", otherHubRequest.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_analysts_filters_narrow_the_ranking_and_selecting_and_deselecting_show_in_it()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        var arrived = Now.AddHours(-2);
        var bananas = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", arrived, 300001);
        var coffee = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", arrived, 300002);
        var zeeland = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "ZWB", arrived, 300003);
        var yesterday = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", arrived.AddDays(-1), 300004);
        await using (var db = host.Database.CreateContext())
        {
            var ct = TestContext.Current.CancellationToken;
            var c = await db.Consignments.SingleAsync(x => x.Id == coffee.ConsignmentId, ct);
            c.OriginCountry = "CO";
            c.Route.PortOfLoading = "COCTG";
            await db.SaveChangesAsync(ct);
            await db.GoodsLines.Where(g => g.ConsignmentId == coffee.ConsignmentId).ExecuteUpdateAsync(s => s.SetProperty(g => g.HsCode, "090111"), ct);
            var parties = db.Consignments.Where(x => x.Id == coffee.ConsignmentId).SelectMany(x => x.Parties.Select(p => p.PartyId));
            await db.Parties.Where(p => parties.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Koffie Import BV"), ct);
            db.RiskScores.AddRange(
                Score(bananas, 0.62, new RiskReason("rule", "reefer", "reefer from Ecuador", 0.3), new RiskReason("model", "consignee_age", "consignee first seen 9 days ago", 0.12), new RiskReason("rule", "aeo", "known AEO", -0.05)),
                Score(coffee, 0.81, new RiskReason("rule", "coffee", "coffee from Colombia", 0.5)),
                Score(zeeland, 0.40, new RiskReason("rule", "reefer", "reefer from Ecuador", 0.3)),
                Score(yesterday, 0.99, new RiskReason("rule", "reefer", "reefer from Ecuador", 0.3)));
            await db.SaveChangesAsync(ct);
        }

        using var analyst = await host.SignInAsync("analyst");
        async Task<List<string>> References(string query) =>
            [.. (await analyst.GetFromJsonAsync<TargetingWorklist.Worklist>("/api/v1/worklists/targeting" + query, TestContext.Current.CancellationToken))!.Rows.Select(r => r.Reference)];

        Assert.Equal([coffee.Reference, bananas.Reference, zeeland.Reference], await References(""));
        Assert.Equal([bananas.Reference, zeeland.Reference], await References("?lane=EC"));
        Assert.Equal([coffee.Reference], await References("?lane=coctg"));
        Assert.Equal([coffee.Reference], await References("?commodity=0901"));
        Assert.Equal([bananas.Reference, zeeland.Reference], await References("?commodity=08"));
        Assert.Equal([bananas.Reference, zeeland.Reference], await References("?party=fruithandel"));
        Assert.Equal([zeeland.Reference], await References("?hub=ZWB"));
        Assert.Equal([bananas.Reference], await References("?hub=RTM&lane=EC&commodity=0803&party=Pacifico"));

        var list = await analyst.GetFromJsonAsync<TargetingWorklist.Worklist>("/api/v1/worklists/targeting?hub=RTM&lane=EC", TestContext.Current.CancellationToken);
        var row = Assert.Single(list!.Rows);
        Assert.Equal(bananas.ContainerNumber, row.Unit);
        Assert.Equal(["reefer from Ecuador", "consignee first seen 9 days ago"], row.TopReasons.Select(r => r.Text));
        Assert.Null(row.Selection);

        using var badCommodity = await analyst.GetAsync("/api/v1/worklists/targeting?commodity=08a", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badCommodity.StatusCode);
        Assert.Contains("2 to 10 digits", await badCommodity.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var select = await analyst.PostAsJsonAsync("/api/v1/selections", new { hub = "RTM", unit = bananas.ContainerNumber, reason = "Tip from the liaison officer about this box." }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, select.StatusCode);
        row = (await analyst.GetFromJsonAsync<TargetingWorklist.Worklist>("/api/v1/worklists/targeting?hub=RTM&lane=EC", TestContext.Current.CancellationToken))!.Rows.Single();
        Assert.NotNull(row.Selection);
        Assert.Equal(nameof(SelectionReason.Manual), row.Selection.Reason);

        using var deselect = await analyst.PostAsJsonAsync($"/api/v1/selections/{row.Selection.Id}/release", new { version = row.Selection.Version, reason = "The source withdrew the tip." }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, deselect.StatusCode);
        row = (await analyst.GetFromJsonAsync<TargetingWorklist.Worklist>("/api/v1/worklists/targeting?hub=RTM&lane=EC", TestContext.Current.CancellationToken))!.Rows.Single();
        Assert.Null(row.Selection);

        // A random control pick stays unless a supervisor withdraws it: the hit-rate estimate depends on it.
        var control = await SelectionFixtures.AddSelectionAsync(host.Database, zeeland, Now.AddHours(-3), Now.AddHours(2), SelectionReason.Control);
        using var analystRelease = await analyst.PostAsJsonAsync($"/api/v1/selections/{control}/release", new { version = 1, reason = "Not worth a slot today." }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, analystRelease.StatusCode);
        using var supervisor = await host.SignInAsync("supervisor");
        using var supervisorRelease = await supervisor.PostAsJsonAsync($"/api/v1/selections/{control}/release", new { version = 1, reason = "Scanner out of order all day." }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, supervisorRelease.StatusCode);
    }

    [Fact]
    public async Task A_supervisor_sees_open_alarms_oldest_first_capacity_use_and_drafts_waiting()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        var ct = TestContext.Current.CancellationToken;
        var rotterdam = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", Now.AddHours(-2), 400001);
        var selection = await SelectionFixtures.AddSelectionAsync(host.Database, rotterdam, Now.AddHours(-3), Now.AddHours(1));
        await using (var db = host.Database.CreateContext())
        {
            await db.Selections.Where(s => s.Id == selection).ExecuteUpdateAsync(s => s.SetProperty(x => x.PhysicalStartedAt, Now.AddMinutes(-30)), ct);
            db.IntegrityAlarms.AddRange(
                Alarm("RTM", Now.AddHours(-2), AlarmStatus.Open),
                Alarm("ZWB", Now.AddDays(-1), AlarmStatus.Open),
                Alarm("RTM", Now.AddDays(-3), AlarmStatus.Resolved));
            await db.SaveChangesAsync(ct);
        }

        using var supervisor = await host.SignInAsync("supervisor");
        using var capacity = await supervisor.PutAsJsonAsync("/api/v1/capacity/RTM/2026-06-10", new { shifts = new[] { new { shift = "early", scannerSlots = 5, physicalInspections = 2 } } }, ct);
        Assert.Equal(HttpStatusCode.OK, capacity.StatusCode);
        using var draft = await supervisor.PostAsJsonAsync("/api/v1/risk/profiles", new { yaml = "name: worklist draft\nrules:\n  - id: reefer\n    weight: 0.3\n    reason: reefer\n    when: { reefer: true }\n", reason = "New reefer rule." }, ct);
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var draftId = (await draft.Content.ReadFromJsonAsync<Profiles.ProfileView>(ct))!.Id;

        var list = await supervisor.GetFromJsonAsync<SupervisorWorklist.Worklist>("/api/v1/worklists/supervisor", ct);
        Assert.NotNull(list);
        Assert.Equal(2, list.OpenAlarms);
        Assert.Equal(["ZWB", "RTM"], list.OldestAlarms.Select(a => a.Hub));
        var early = list.Capacity.Single(c => c.Hub == "RTM" && c.Shift == Shifts.Early);
        Assert.Equal((5, 1, 2, 1), (early.ScannerSlots, early.Selected, early.PhysicalInspections, early.PhysicalStarted));
        Assert.Equal(0, list.Capacity.Single(c => c.Hub == "RTM" && c.Shift == Shifts.Late).Selected);
        Assert.Equal([draftId], list.WaitingProfiles.Select(p => p.Id));

        using var activate = await supervisor.PostAsJsonAsync($"/api/v1/risk/profiles/{draftId}/activate", new { reason = "Reviewed with the team." }, ct);
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        list = await supervisor.GetFromJsonAsync<SupervisorWorklist.Worklist>("/api/v1/worklists/supervisor", ct);
        Assert.Empty(list!.WaitingProfiles);

        var csv = await supervisor.GetStringAsync("/api/v1/worklists/supervisor?format=csv&table=capacity", ct);
        Assert.StartsWith("hub,shift,shift_start_utc,scanner_slots,selected,physical_inspections,physical_started\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("RTM,early,2026-06-10T04:00:00Z,5,1,2,1\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_analyst_gets_the_waiting_scans_of_open_windows_oldest_first()
    {
        var store = Directory.CreateTempSubdirectory("portcullis-worklist-scans-").FullName;
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Imaging:StoreFolder"] = store }, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await using var __ = host;
        var ct = TestContext.Current.CancellationToken;
        var scans = host.Services.GetRequiredService<Portcullis.Imaging.DiskScanStore>();
        async Task<Guid> ScannedAsync(int serial, DateTime controlAt, DateTime scannedAt)
        {
            var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", controlAt.AddHours(-3), serial);
            var selection = await SelectionFixtures.AddSelectionAsync(host.Database, cargo, Now.AddDays(-1), controlAt);
            await Imaging.ViewerScans.MarkScannedAsync(host.Database, selection);
            var scan = await Imaging.ViewerScans.AddAsync(host.Database, scans, cargo.ContainerNumber, selection, Imaging.ViewerScans.Pattern(8, 4, serial));
            await using var db = host.Database.CreateContext();
            await db.Scans.Where(x => x.Id == scan.Id).ExecuteUpdateAsync(x => x.SetProperty(s => s.ScannedAt, scannedAt), ct);
            return scan.Id;
        }

        var newer = await ScannedAsync(600001, Now.AddHours(1), Now.AddMinutes(-10));
        var older = await ScannedAsync(600002, Now.AddHours(2), Now.AddMinutes(-50));
        var closedWindow = await ScannedAsync(600003, Now.AddHours(10), Now.AddMinutes(-90));

        using var analyst = await host.SignInAsync("scananalyst");
        var list = await analyst.GetFromJsonAsync<List<ScanWorklist.WaitingScan>>("/api/v1/worklists/scans", ct);
        Assert.Equal([older, newer], list!.Select(s => s.ScanId));
        Assert.DoesNotContain(closedWindow, list!.Select(s => s.ScanId));
        Directory.Delete(store, recursive: true);
    }

    [Fact]
    public async Task Partners_and_tokens_get_no_worklist()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        var ct = TestContext.Current.CancellationToken;
        using var terminal = await host.SignInAsync("terminal");
        using var police = await host.SignInAsync("police");
        using var token = await host.WithTokenAsync(Portcullis.Access.Roles.Supervisor, scope: "read");
        foreach (var path in new[] { "/api/v1/worklists/inspector", "/api/v1/worklists/targeting", "/api/v1/worklists/supervisor", "/api/v1/worklists/scans" })
        {
            foreach (var client in new[] { terminal, police, token })
            {
                using var response = await client.GetAsync(path, ct);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }

        using var page = await terminal.GetAsync("/work", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Contains("data-testid=\"work-none\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"targeting-list\"", html, StringComparison.Ordinal);
    }

    private static async Task<SelectionCase> SelectAsync(ApiHost host, string hub, int serial, DateTime createdAt, DateTime controlAt, string shift = Shifts.Early)
    {
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Database, hub, controlAt.AddHours(-3), serial);
        var id = await SelectionFixtures.AddSelectionAsync(host.Database, cargo, createdAt, controlAt);
        await using var db = host.Database.CreateContext();
        await db.Selections.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Shift, shift), TestContext.Current.CancellationToken);
        return await db.Selections.AsNoTracking().SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
    }

    private static RiskScore Score(CargoFixtures.Seeded cargo, double score, params RiskReason[] reasons) =>
        new() { ConsignmentId = cargo.ConsignmentId, HubCode = cargo.HubCode, ScoredAt = Now.AddHours(-1), ArrivedAt = cargo.ArrivedAt, Score = score, RuleScore = score, Reasons = [.. reasons] };

    private static IntegrityAlarm Alarm(string hub, DateTime raisedAt, AlarmStatus status) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = AlarmKind.DoorOpened,
        Severity = AlarmSeverity.High,
        HubCode = hub,
        ContainerNumber = "TSTU0000000",
        RaisedAt = raisedAt,
        Detail = "door opened outside a geofence",
        DedupKey = Guid.NewGuid().ToString("N"),
        LastSeenAt = raisedAt,
        Status = status,
    };
}
