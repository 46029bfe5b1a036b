using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Integrity.Alarms;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Selection;

/// <summary>
/// Simulated weeks planned and carried through as the demo does it, checked against what is
/// stored and the simulator's ground truth: no control before its container is off the vessel,
/// nothing from the future, and the secure lane alarms on exactly the insiders' moves.
/// </summary>
public sealed class PhysicalTimelineTests(PhysicalTimelineTests.DemoWeeks weeks) : IClassFixture<PhysicalTimelineTests.DemoWeeks>
{
    // Mid-afternoon, so that today holds discharged containers, containers still on board and controls under way.
    private static readonly DateTime Now = new(2026, 11, 20, 13, 30, 0, DateTimeKind.Utc);

    // Sixteen days: the demo's fortnight of plans (SelectionDemo.DaysBack) plus two days of traffic before it; a full month takes too long for the suite.
    private const int Days = SelectionDemo.DaysBack + 2;

    /// <summary>The simulated weeks stored and planned as `serve --demo` does it, once for the class.</summary>
    public sealed class DemoWeeks : IAsyncLifetime
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Now));

        public ApiHost Host { get; private set; } = default!;

        public SelectionDemo.Summary Demo { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            // A few slots a shift at the container hubs and none elsewhere: enough controls to count, few enough to stay fast.
            var capacity = new Dictionary<string, string?>
            {
                ["Selection:DefaultCapacity:RTM:ScannerSlots"] = "2",
                ["Selection:DefaultCapacity:RTM:PhysicalInspections"] = "1",
                ["Selection:DefaultCapacity:ZWB:ScannerSlots"] = "1",
                ["Selection:DefaultCapacity:ZWB:PhysicalInspections"] = "1",
            };
            foreach (var hub in new[] { "NZK", "SPL", "FLW", "POST" })
            {
                capacity[$"Selection:DefaultCapacity:{hub}:ScannerSlots"] = "0";
                capacity[$"Selection:DefaultCapacity:{hub}:PhysicalInspections"] = "0";
            }

            Host = await ApiHost.StartAsync(Provider.Sqlite, settings: capacity, configure: b => b.Services.AddSingleton<TimeProvider>(Clock));
            var today = DateOnly.FromDateTime(Now);
            var traffic = new SimulationOptions(Seed: 5, Scale: 0.002, FirstDay: today.AddDays(-(Days - 1)), Days: Days) { Now = Now };
            await Host.Services.GetRequiredService<IngestSimulatedTraffic>().RunAsync(traffic, null, ct);
            Demo = await SelectionDemo.SetUpAsync(Host.Services, ct, daysBack: Days - 2);
        }

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task Simulated_weeks_never_control_a_container_before_its_discharge_and_alarm_on_exactly_the_insiders()
    {
        var ct = TestContext.Current.CancellationToken;
        var (host, demo) = (weeks.Host, weeks.Demo);
        var today = DateOnly.FromDateTime(Now);

        await using var db = host.Database.CreateContext();
        Assert.Equal(0, await db.ContainerEvents.CountAsync(e => e.OccurredAt > Now, ct));
        Assert.Equal(0, await db.Consignments.CountAsync(c => c.Kind == ConsignmentKind.PostalItem && c.ArrivedAt > Now, ct));

        var selections = await db.Selections.AsNoTracking().Where(s => s.State != SelectionState.Released).ToListAsync(ct);
        Assert.True(selections.Count(s => s.ClosedAt is not null && s.UnitKind == UnitKind.Container) > 50, $"{selections.Count} selections; the fortnight should close well over 50 container controls");
        Assert.Empty(selections.Where(s => s.PlannedControlAt < s.CreatedAt).Select(s => s.Unit));
        Assert.Empty(selections.Where(s => s.ClosedAt is { } c && (c > Now || s.ScannedAt is not { } scanned || c <= scanned)).Select(s => s.Unit));
        // A control is done by the shift it is labelled with: a control moved to a later discharge changes shift with it.
        Assert.Empty(selections.Where(s => s.PlannedControlAt < Shifts.Span(s.PlanDate, s.Shift).Start || s.PlannedControlAt >= Shifts.Span(s.PlanDate, s.Shift).End)
            .Select(s => $"{s.Unit} planned {s.PlannedControlAt:u} in the {s.Shift} shift of {s.PlanDate:yyyy-MM-dd}"));

        // The discharge of each selected container's visit, read from the stored terminal reports.
        var containers = selections.Where(s => s.UnitKind == UnitKind.Container).ToList();
        var ids = containers.SelectMany(s => s.ConsignmentIds).ToList();
        var arrivals = await db.Consignments.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ArrivedAt, ct);
        var numbers = containers.Select(s => s.Unit).ToList();
        var discharges = (await db.ContainerEvents.Where(e => numbers.Contains(e.ContainerNumber) && e.Type == ContainerEventType.Discharge).Select(e => new { e.ContainerNumber, e.OccurredAt }).ToListAsync(ct))
            .ToLookup(e => e.ContainerNumber, e => e.OccurredAt);
        var early = new List<string>();
        foreach (var s in containers)
        {
            var arrived = s.ConsignmentIds.Min(id => arrivals[id]);
            var discharged = discharges[s.Unit].Where(d => d >= arrived.AddDays(-2) && d <= arrived.AddDays(2)).Order().FirstOrDefault();
            if (discharged == default)
            {
                // Still on board: nothing done, and the control is still to come.
                if (s.ScannedAt is not null || s.ClosedAt is not null || s.PlannedControlAt <= Now)
                {
                    early.Add($"{s.Unit} (not discharged, planned {s.PlannedControlAt:u}, scanned {s.ScannedAt:u})");
                }
            }
            else if (s.PlannedControlAt < discharged || s.ScannedAt < discharged || s.ClosedAt < discharged)
            {
                early.Add($"{s.Unit} (discharged {discharged:u}, planned {s.PlannedControlAt:u}, scanned {s.ScannedAt:u}, closed {s.ClosedAt:u})");
            }
        }

        Assert.Empty(early);

        // Every insider's move raised its alarm, and no honest selected container raised a move alarm.
        var incidents = await host.Services.GetRequiredService<GroundTruthVault>().ReadIncidentsForEvaluationAsync(ct);
        var insiders = incidents.Where(i => i.Kind == "insider-move").Select(i => (i.ContainerNumber, i.ExpectedAlarm)).Order().ToList();
        Assert.NotEmpty(insiders);
        var moveAlarms = (await db.IntegrityAlarms.AsNoTracking().Where(a => a.Kind == AlarmKind.GateOut || a.Kind == AlarmKind.Loaded || a.Kind == AlarmKind.YardMove).ToListAsync(ct))
            .Select(a => (a.ContainerNumber, (string?)a.Kind.ToString())).Order().ToList();
        Assert.Equal(insiders, moveAlarms);
        Assert.Equal(insiders.Count, demo.Incidents.Count);
        var honest = containers.Select(s => s.Unit).Except(insiders.Select(i => i.ContainerNumber)).ToHashSet();
        var silenced = await db.IntegrityAlarms.AsNoTracking().Where(a => a.Kind == AlarmKind.Silence).Select(a => a.ContainerNumber).ToListAsync(ct);
        Assert.DoesNotContain(silenced, honest.Contains);
    }

    [Fact]
    public async Task The_demo_team_gives_the_auditor_one_lead_the_analyst_who_read_ten_days_of_lists()
    {
        var ct = TestContext.Current.CancellationToken;
        var staff = await AuditDemo.SetUpAsync(weeks.Host.Services, ct);

        await using var db = weeks.Host.Database.CreateContext();
        var team = AuditDemo.Team.Select(t => t.UserName).ToList();
        var logged = await db.Audit.AsNoTracking().Where(a => a.Action == "view.selection" && team.Contains(a.Actor)).GroupBy(a => a.Actor)
            .Select(g => new { Actor = g.Key, Views = g.Count() }).ToDictionaryAsync(g => g.Actor, g => g.Views, ct);
        Assert.Equal(staff.Views, logged.Values.Sum());
        Assert.Equal(team.Order(), logged.Keys.Order());

        var auditor = new CurrentUser(Guid.NewGuid(), "auditor", Roles.Auditor, Guid.NewGuid(), "Douane", ["*"], [], IsSystem: false);
        // The log's times never go back: the test host's own accounts were logged at the machine's time, so the views carry that time too.
        var viewedOn = Shifts.LocalDate(await db.Audit.Where(a => team.Contains(a.Actor)).MaxAsync(a => a.At, ct));
        var report = await AuditLeads.RunAsync(db, weeks.Clock, auditor, viewedOn.AddDays(-(AuditLeads.DefaultDays - 1)), viewedOn, null, ct);

        // The four who read a day or two of lists are peers of each other and of the fifth; only the fifth stands out.
        var lead = Assert.Single(report.Leads);
        Assert.Equal(staff.Reader, lead.Account);
        var volume = Assert.Single(lead.Signals);
        Assert.Equal(logged[staff.Reader], volume.Numbers["views"]);
        Assert.Equal(4, volume.Numbers["peers"]);
        Assert.True(volume.Numbers["z"] >= 3.5, $"z = {volume.Numbers["z"]}");
        Assert.NotEmpty(volume.Evidence);
        Assert.All(volume.Evidence, e => Assert.Equal(staff.Reader, e.Actor));
    }
}
