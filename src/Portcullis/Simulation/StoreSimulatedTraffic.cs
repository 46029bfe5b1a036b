using Microsoft.EntityFrameworkCore;
using Portcullis.Parties;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Simulation;

/// <summary>Writes simulated days into the database, one transaction per day.</summary>
public sealed class StoreSimulatedTraffic(Database database)
{
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
            summary.Controls += await StoreDayAsync(day, cancellationToken, options.Seed);
            summary.Add(day);
            progress?.Report(day);
        }

        return summary;
    }

    /// <summary>Stores a day; with <paramref name="controlsSeed"/>, also the earlier controls of that day (<see cref="HistoricalControls"/>). Returns the controls stored.</summary>
    public async Task<int> StoreDayAsync(SimulatedDay day, CancellationToken cancellationToken, int? controlsSeed = null)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        await BulkInsert.InsertAsync(db, day.NewParties, cancellationToken);
        await BulkInsert.InsertAsync(db, PartyContactKeys.Of(day.NewParties), cancellationToken);
        await BulkInsert.InsertAsync(db, day.NewEquipment, cancellationToken);
        await BulkInsert.InsertAsync(db, day.Movements, cancellationToken);
        await BulkInsert.InsertAsync(db, [.. day.Movements.SelectMany(m => m.Calls)], cancellationToken);
        await BulkInsert.InsertAsync(db, day.Consignments, cancellationToken);
        await BulkInsert.InsertAsync(db, [.. day.Consignments.SelectMany(c => c.Parties)], cancellationToken);
        await BulkInsert.InsertAsync(db, [.. day.Consignments.SelectMany(c => c.Goods)], cancellationToken);
        await BulkInsert.InsertAsync(db, [.. day.Consignments.SelectMany(c => c.Equipment)], cancellationToken);
        await BulkInsert.InsertAsync(db, day.Events, cancellationToken);
        await BulkInsert.InsertAsync(db, day.GroundTruth, cancellationToken);
        var controls = 0;
        if (controlsSeed is { } seed && day.Consignments.Count > 0)
        {
            var (receipt, outcomes) = HistoricalControls.ToOutcomes(HistoricalControls.Pick(day, seed), id => id, day.Consignments[0].ArrivedAt);
            db.IngestReceipts.Add(receipt);
            await db.SaveChangesAsync(cancellationToken);
            await BulkInsert.InsertAsync(db, outcomes, cancellationToken);
            controls = outcomes.Count;
        }

        await transaction.CommitAsync(cancellationToken);
        return controls;
    }
}

public sealed class SimulationSummary
{
    public int Days { get; private set; }

    public int Consignments { get; private set; }

    public int ContainerEvents { get; private set; }

    public int Parties { get; private set; }

    public int SmugglingCases { get; private set; }

    /// <summary>What reached the database through the readers: post and yard moves have no file format there yet.</summary>
    public int StoredConsignments { get; set; }

    public int StoredEvents { get; set; }

    /// <summary>Earlier controls recorded with their outcomes (what the risk model learns from).</summary>
    public int Controls { get; set; }

    public void Add(SimulatedDay day)
    {
        Days++;
        Consignments += day.Consignments.Count;
        ContainerEvents += day.Events.Count;
        Parties += day.NewParties.Count;
        SmugglingCases += day.GroundTruth.Count;
    }
}
