using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Readings;
using Portcullis.Tests.Infrastructure;
using static Portcullis.Tests.Integrity.GeofenceTests;

namespace Portcullis.Tests.Integrity;

/// <summary>Zones through the API and the command line, and the monitor that uses them.</summary>
public sealed class GeofenceApiTests
{
    private static JsonContent Import(string name, string kind = "secured-area", string hub = "RTM", bool hole = true) =>
        JsonContent.Create(new { hub, zones = JsonDocument.Parse(SquareJson(name, kind, hole)).RootElement });

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_supervisor_creates_replaces_and_retires_a_zone_and_each_change_is_audited(Provider provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        using var supervisor = await host.SignInAsync("supervisor");

        using var created = await supervisor.PostAsync("/api/v1/geofences", Import("Test secure"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var first = await created.Content.ReadFromJsonAsync<ImportGeofences.ImportResult>();
        Assert.Equal((1, 0, 0), (first!.Created, first.Replaced, first.Unchanged));
        Assert.Equal("secured-area", Assert.Single(first.Zones).Kind);

        using var replaced = await supervisor.PostAsync("/api/v1/geofences", Import("Test secure", hole: false));
        var second = await replaced.Content.ReadFromJsonAsync<ImportGeofences.ImportResult>();
        Assert.Equal((0, 1, 0), (second!.Created, second.Replaced, second.Unchanged));
        Assert.Equal(2, Assert.Single(second.Zones).Version);

        using var analyst = await host.SignInAsync("analyst");
        var listed = Assert.Single((await analyst.GetFromJsonAsync<List<ListGeofences.GeofenceView>>("/api/v1/geofences?hub=RTM"))!);
        Assert.Equal("Test secure", listed.Name);

        using var retired = await supervisor.PostAsJsonAsync($"/api/v1/geofences/{listed.Id}/retire", new { reason = "terminal closed" });
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Empty((await analyst.GetFromJsonAsync<List<ListGeofences.GeofenceView>>("/api/v1/geofences?hub=RTM"))!);

        await using var db = host.Database.CreateContext();
        var actions = await db.Audit.Where(a => a.Subject == "geofence RTM/Test secure").OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        Assert.Equal(["geofence.create", "geofence.replace", "geofence.retire"], actions);
    }

    [Fact]
    public async Task The_map_page_draws_the_hubs_zones_with_their_holes()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        using var supervisor = await host.SignInAsync("supervisor");
        (await supervisor.PostAsync("/api/v1/geofences", Import("Drawn secure"))).Dispose();

        using var analyst = await host.SignInAsync("analyst");
        var page = await analyst.GetStringAsync("/geofences?hub=RTM");
        Assert.Contains("data-testid=\"geofence-map\"", page, StringComparison.Ordinal);
        Assert.Contains("<title>Drawn secure (secured area)</title>", page, StringComparison.Ordinal);
        // The shell and the hole: two closed rings in one path.
        var map = page[page.IndexOf("data-testid=\"geofence-map\"", StringComparison.Ordinal)..];
        var path = System.Text.RegularExpressions.Regex.Match(map, "<path d=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(2, path.Count(c => c == 'Z'));
        var empty = await analyst.GetStringAsync("/geofences?hub=SPL");
        Assert.Contains("No zones for SPL yet.", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_geojson_is_refused_with_a_problem_naming_the_fix_and_nothing_is_stored()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        using var supervisor = await host.SignInAsync("supervisor");

        using var response = await supervisor.PostAsync("/api/v1/geofences", Import("Car park", kind: "car-park"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("use terminal, secured-area", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var unknownHub = await supervisor.PostAsync("/api/v1/geofences", Import("Somewhere", hub: "XXX"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownHub.StatusCode);
        await using var db = host.Database.CreateContext();
        Assert.Equal(0, await db.Geofences.CountAsync());
    }

    [Fact]
    public void Supervisors_edit_only_their_own_hubs_and_administrators_every_hub()
    {
        var zwb = new CurrentUser(Guid.NewGuid(), "sup-zwb", Roles.Supervisor, Guid.Empty, "Douane", ["ZWB"], [], false);
        var admin = zwb with { Role = Roles.Administrator, Hubs = [] };
        var system = zwb with { IsSystem = true };
        Assert.True(ImportGeofences.MayEdit(zwb, "ZWB"));
        Assert.False(ImportGeofences.MayEdit(zwb, "RTM"));
        Assert.True(ImportGeofences.MayEdit(admin, "RTM"));
        Assert.False(ImportGeofences.MayEdit(system, "ZWB"));
    }

    [Fact]
    public async Task The_monitor_evaluates_readings_against_stored_zones_and_the_alarm_is_stored_once()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        using var supervisor = await host.SignInAsync("supervisor");
        (await supervisor.PostAsync("/api/v1/geofences", Import("Warehouse", kind: "consignee-warehouse"))).Dispose();

        var evaluator = host.Services.GetRequiredService<IReadingEvaluator>();
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var at = clock.GetUtcNow().UtcDateTime.AddMinutes(-10);
        var (insideLat, insideLon) = FromWestBorder(200);
        var (outsideLat, outsideLon) = FromWestBorder(-2000);
        SensorReading[] readings =
        [
            new("ACME:77", "1", "TGHU1234560", ReadingKind.Door, at, insideLat, insideLon, DoorOpen: true),
            new("ACME:77", "2", "TGHU1234560", ReadingKind.Door, at.AddMinutes(1), outsideLat, outsideLon, DoorOpen: true),
        ];

        await using var db = host.Database.CreateContext();
        var candidates = await evaluator.EvaluateAsync(db, readings, CancellationToken.None);
        var candidate = Assert.Single(candidates);
        Assert.Equal(AlarmKind.DoorOpenedOutsideZone, candidate.Kind);
        Assert.Equal(["reading:ACME:77/2"], candidate.Evidence);

        await AlarmStore.RaiseAsync(db, clock, IntegrityMonitor.SystemActor, [(candidate, null)], CancellationToken.None);
        await db.SaveChangesAsync();
        var again = await evaluator.EvaluateAsync(db, readings[1..], CancellationToken.None);
        Assert.Empty(await AlarmStore.RaiseAsync(db, clock, IntegrityMonitor.SystemActor, [(Assert.Single(again), null)], CancellationToken.None));
        await db.SaveChangesAsync();
        var stored = await db.IntegrityAlarms.SingleAsync(a => a.ContainerNumber == "TGHU1234560");
        Assert.Equal(2, stored.Occurrences);
    }

    [Fact]
    public async Task The_pass_over_stored_events_raises_doors_opened_at_sea_once()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        var monitor = host.Services.GetRequiredService<IntegrityMonitor>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using (var db = host.Database.CreateContext())
        {
            db.ContainerEvents.Add(new ContainerEvent { Id = Guid.CreateVersion7(), ContainerNumber = "TGHU7654321", Type = ContainerEventType.Load, OccurredAt = now.AddHours(-30), UnLocode = "MAPTM", Source = "test" });
            db.ContainerEvents.Add(new ContainerEvent { Id = Guid.CreateVersion7(), ContainerNumber = "TGHU7654321", Type = ContainerEventType.DoorOpened, OccurredAt = now.AddHours(-3), UnLocode = "", Source = "test" });
            await db.SaveChangesAsync();
        }

        await using (var db = host.Database.CreateContext())
        {
            var first = await monitor.RunPassAsync(db, CancellationToken.None);
            var alarm = Assert.Single(first.Alarms);
            Assert.Equal((AlarmKind.DoorOpenedOutsideZone, AlarmSeverity.Critical), (alarm.Kind, alarm.Severity));
            Assert.Equal(2, first.Events);
        }

        await using (var db = host.Database.CreateContext())
        {
            var second = await monitor.RunPassAsync(db, CancellationToken.None);
            Assert.Equal(0, second.Events);
            Assert.Empty(second.Alarms);
            Assert.Equal(1, await db.IntegrityAlarms.CountAsync(a => a.ContainerNumber == "TGHU7654321"));
        }
    }

    [Fact]
    public async Task The_command_line_imports_the_demo_zones_lists_them_and_refuses_a_bad_file_with_exit_code_2()
    {
        var folder = CliProcess.TempFolder();
        var db = Path.Combine(folder, "geo.db");
        var demo = Path.Combine(AppContext.BaseDirectory, "Integrity", "demo-zones.geojson");

        var imported = await CliProcess.RunAsync(folder, "geofences", "import", demo, "--db", db);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.Contains("17 zone(s) created", imported.Stdout, StringComparison.Ordinal);

        var listed = await CliProcess.RunAsync(folder, "geofences", "list", "--hub", "RTM", "--db", db);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("secured-area", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("Maasvlakte", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Schiphol", listed.Stdout, StringComparison.Ordinal);

        var bad = Path.Combine(folder, "bad.geojson");
        await File.WriteAllTextAsync(bad, """{"type":"Feature","properties":{"name":"A","kind":"depot"},"geometry":{"type":"Point","coordinates":[4,52]}}""");
        var refused = await CliProcess.RunAsync(folder, "geofences", "import", bad, "--hub", "RTM", "--db", db);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("draw it as a Polygon or MultiPolygon", refused.Stderr, StringComparison.Ordinal);
    }
}
