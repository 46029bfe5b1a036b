using Portcullis.Domain.Hubs;
using Portcullis.Inspection;
using Portcullis.Integrity;
using Portcullis.Simulation;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// For `serve --demo`: the last two weeks planned and their controls carried through with the
/// simulator's ground truth, today and tomorrow planned ahead, the terminals' secure-lane moves
/// (and a few insiders' attempts) reported, the re-plan and the secure-lane pass run, so the demo
/// opens with selections in every state, results, orders and alarms. Each past day is planned as
/// at the evening before (<see cref="PlanningMoment"/>), seeing only what was known then; its
/// controls happen once their containers are off the vessel.
/// </summary>
public static class SelectionDemo
{
    public sealed record Summary(int Selected, int Closed, int Hits, double SeizedKg, int Alarms, int Secured, IReadOnlyList<Simulator.IntegrityIncident> Incidents);

    public const int DaysBack = 14;

    public static async Task<Summary> SetUpAsync(IServiceProvider services, CancellationToken cancellationToken, int daysBack = DaysBack)
    {
        var database = services.GetRequiredService<Database>();
        var clock = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<SelectionOptions>();
        var vault = services.GetRequiredService<GroundTruthVault>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Shifts.LocalDate(now);
        int selected = 0, closed = 0, hits = 0;
        double kg = 0;
        foreach (var hub in HubCatalogue.Codes)
        {
            for (var day = today.AddDays(-daysBack); day <= today.AddDays(1); day = day.AddDays(1))
            {
                await using (var db = database.CreateContext())
                {
                    var fill = day < today
                        ? await FillPlan.RunAsync(db, clock, options, "demo", null, hub, day, notBefore: null, cancellationToken, asOf: PlanningMoment(day))
                        : await FillPlan.RunAsync(db, clock, options, "demo", null, hub, day, notBefore: now, cancellationToken);
                    selected += fill.Targeted + fill.Exploration + fill.Control + fill.WatchList;
                }

                if (day <= today)
                {
                    var inspected = await SimulatedInspections.RunAsync(database, vault, clock, options, hub, day, cancellationToken);
                    closed += inspected.Closed;
                    hits += inspected.Hits;
                    kg += inspected.SeizedKg;
                }
            }
        }

        var terminal = await SimulatedTerminal.RunAsync(database, services.GetRequiredService<Ingest.IngestPipeline>(), vault, clock, options, cancellationToken);
        await using (var replan = database.CreateContext())
        {
            await Replan.RunAsync(replan, clock, options, SelectionService.PlannerActor, cancellationToken);
            await replan.SaveChangesAsync(cancellationToken);
        }

        await using var pass = database.CreateContext();
        var lanes = await SecureLane.RunPassAsync(pass, clock, options, cancellationToken);
        return new Summary(selected, closed, hits, kg, lanes.Alarms.Count, terminal.Secured, terminal.Incidents);
    }

    /// <summary>When a day's plan is made: the evening before, at 20:00 local time.</summary>
    public static DateTime PlanningMoment(DateOnly day) => Shifts.Day(day).From.AddHours(-4);
}
