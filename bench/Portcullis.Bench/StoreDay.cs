using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// Simulates days and stores them into a fresh SQLite database (or the PostgreSQL database given
/// with --db) with the bulk writer, then stores the first day again with plain EF Core
/// AddRange/SaveChanges into another fresh database, and prints both rates and their ratio.
/// </summary>
public static class StoreDay
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scale = 1.0;
        var days = 1;
        string? db = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--scale":
                    scale = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--days":
                    days = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--db":
                    db = args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --scale, --days and --db.");
                    return 2;
            }
        }

        var options = new SimulationOptions(42, scale, new DateOnly(2025, 3, 3), days);
        var simulated = Stopwatch.StartNew();
        var all = new TrafficSimulator(options).Run().ToList();
        simulated.Stop();
        var rows = all.Sum(Rows);
        var consignments = all.Sum(d => d.Consignments.Count);

        var bulk = new Database(Target(db));
        await bulk.MigrateAsync(CancellationToken.None);
        var store = new StoreSimulatedTraffic(bulk);
        var bulkTime = Stopwatch.StartNew();
        foreach (var day in all)
        {
            await store.StoreDayAsync(day, CancellationToken.None);
        }

        bulkTime.Stop();

        var ef = new Database(Target(null));
        await ef.MigrateAsync(CancellationToken.None);
        var efTime = Stopwatch.StartNew();
        await StoreWithChangeTrackingAsync(ef, all[0]);
        efTime.Stop();
        var efRowsPerSecond = Rows(all[0]) / efTime.Elapsed.TotalSeconds;
        var bulkRowsPerSecond = rows / bulkTime.Elapsed.TotalSeconds;

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"store-day scale={scale} days={days} into {bulk.Target.Provider}"));
        Console.WriteLine(string.Create(inv, $"simulate: {simulated.Elapsed.TotalSeconds:F2} s for {consignments:N0} consignments, {rows:N0} rows"));
        Console.WriteLine(string.Create(inv, $"bulk store: {bulkTime.Elapsed.TotalSeconds:F2} s, {bulkRowsPerSecond:N0} rows/s, {consignments / bulkTime.Elapsed.TotalSeconds:N0} consignments/s"));
        Console.WriteLine(string.Create(inv, $"EF Core AddRange/SaveChanges baseline (first day, SQLite): {efTime.Elapsed.TotalSeconds:F2} s, {efRowsPerSecond:N0} rows/s"));
        Console.WriteLine(string.Create(inv, $"ratio bulk/EF: {bulkRowsPerSecond / efRowsPerSecond:F1}x"));
        Console.WriteLine(string.Create(inv, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB"));
        return 0;
    }

    private static DatabaseTarget Target(string? db) =>
        DatabaseTarget.Resolve(db ?? Path.Combine(Directory.CreateTempSubdirectory("portcullis-bench-").FullName, "bench.db")).GetValueOrThrow();

    private static int Rows(SimulatedDay d) =>
        d.NewParties.Count + d.NewEquipment.Count + d.Movements.Count + d.Movements.Sum(m => m.Calls.Count) + d.Consignments.Count
        + d.Consignments.Sum(c => c.Parties.Count + c.Goods.Count + c.Equipment.Count) + d.Events.Count + d.GroundTruth.Count;

    private static async Task StoreWithChangeTrackingAsync(Database database, SimulatedDay day)
    {
        await using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AddRange(day.NewParties);
        db.AddRange(day.NewEquipment);
        db.AddRange(day.Movements);
        db.AddRange(day.Consignments);
        db.AddRange(day.Events);
        db.AddRange(day.GroundTruth);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
