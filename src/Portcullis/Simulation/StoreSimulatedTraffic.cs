using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Simulation;

/// <summary>Writes simulated days into the database, one transaction per day.</summary>
public sealed class StoreSimulatedTraffic(Database database)
{
    private const int BatchSize = 20_000;

    /// <summary>True when the database holds no cargo yet, which is when --demo simulates.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return !await db.Consignments.AnyAsync(cancellationToken);
    }

    public async Task<SimulationSummary> RunAsync(SimulationOptions options, IProgress<SimulatedDay>? progress, CancellationToken cancellationToken)
    {
        var summary = new SimulationSummary();
        foreach (var day in new TrafficSimulator(options).Run(cancellationToken))
        {
            await StoreDayAsync(day, cancellationToken);
            summary.Add(day);
            progress?.Report(day);
        }

        return summary;
    }

    public async Task StoreDayAsync(SimulatedDay day, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        await AddInBatchesAsync(db, day.NewParties, cancellationToken);
        await AddInBatchesAsync(db, day.NewEquipment, cancellationToken);
        await AddInBatchesAsync(db, day.Movements, cancellationToken);
        await AddInBatchesAsync(db, day.Consignments, cancellationToken);
        await AddInBatchesAsync(db, day.Events, cancellationToken);
        await AddInBatchesAsync(db, day.GroundTruth, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task AddInBatchesAsync<T>(PortcullisDb db, IReadOnlyList<T> items, CancellationToken cancellationToken)
        where T : class
    {
        for (var i = 0; i < items.Count; i += BatchSize)
        {
            foreach (var item in items.Skip(i).Take(BatchSize))
            {
                // Parties and containers are shared across consignments and days; they are stored
                // once, from NewParties/NewEquipment, never again through a navigation.
                db.ChangeTracker.TrackGraph(item, node =>
                {
                    if (node.InboundNavigation is null || node.Entry.Entity is not (Party or Equipment))
                    {
                        node.Entry.State = EntityState.Added;
                    }
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}

public sealed class SimulationSummary
{
    public int Days { get; private set; }

    public int Consignments { get; private set; }

    public int ContainerEvents { get; private set; }

    public int Parties { get; private set; }

    public int SmugglingCases { get; private set; }

    public void Add(SimulatedDay day)
    {
        Days++;
        Consignments += day.Consignments.Count;
        ContainerEvents += day.Events.Count;
        Parties += day.NewParties.Count;
        SmugglingCases += day.GroundTruth.Count;
    }
}
