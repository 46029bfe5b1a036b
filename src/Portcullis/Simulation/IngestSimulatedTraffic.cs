using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Simulation;

/// <summary>
/// Simulated traffic the way real traffic arrives: written as partners' files and read back by the
/// same readers and pipeline as real input, so the demo exercises ingest end to end. Only two
/// things bypass the files: the trader register (EORI, AEO status and first-seen dates come from
/// customs' own registers, not from manifests) and the ground truth, which goes to its vault.
/// </summary>
public sealed class IngestSimulatedTraffic(Database database, IngestPipeline pipeline, TimeProvider time)
{
    public async Task<SimulationSummary> RunAsync(SimulationOptions options, IProgress<SimulatedDay>? progress, CancellationToken cancellationToken)
    {
        var summary = new SimulationSummary();
        var parties = new Dictionary<Guid, Party>();
        var equipment = new Dictionary<string, Equipment>(StringComparer.Ordinal);
        var folder = Directory.CreateTempSubdirectory("portcullis-simulated-").FullName;
        var (consignmentsBefore, eventsBefore) = await CountAsync(cancellationToken);
        try
        {
            foreach (var day in new TrafficSimulator(options).Run(cancellationToken))
            {
                foreach (var party in day.NewParties)
                {
                    parties[party.Id] = party;
                }

                if (day.Date == options.FirstDay)
                {
                    await RefuseIfStoredAsync(day, options, cancellationToken);
                }

                await StoreRegisterAsync(day, cancellationToken);
                var written = SimulatedFiles.WriteDay(day, folder, parties, equipment);
                foreach (var path in written.Paths)
                {
                    var origin = new IngestOrigin("simulator", "simulator", null, Path.GetFileName(path));
                    var receipt = path.EndsWith(".json", StringComparison.Ordinal) ? await pipeline.IngestDcsaAsync(path, origin, cancellationToken)
                        : path.EndsWith(".xml", StringComparison.Ordinal) ? await pipeline.IngestCargoXmlAsync(path, origin, cancellationToken)
                        : await pipeline.IngestEdifactAsync(path, origin, null, cancellationToken);
                    if (receipt.Rejected > 0)
                    {
                        var first = receipt.Issues.FirstOrDefault(i => i.Severity == "error");
                        throw new InvalidOperationException($"The simulator wrote {Path.GetFileName(path)} that ingest rejected: {first?.Message} ({first?.Where}).");
                    }

                    File.Delete(path);
                }

                await StoreGroundTruthAsync(day, cancellationToken);
                summary.Controls += await StoreControlsAsync(day, options.Seed, cancellationToken);
                summary.Add(day);
                progress?.Report(day);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var (consignmentsAfter, eventsAfter) = await CountAsync(cancellationToken);
        summary.StoredConsignments = consignmentsAfter - consignmentsBefore;
        summary.StoredEvents = eventsAfter - eventsBefore;
        return summary;
    }

    private async Task<(int Consignments, int Events)> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return (await db.Consignments.CountAsync(cancellationToken), await db.ContainerEvents.CountAsync(cancellationToken));
    }

    /// <summary>
    /// Simulated traffic that would meet what is stored is refused before anything of the run is
    /// written: days that already have arrivals (the demo stores the last month up to today), or a
    /// seed whose documents are stored already (the simulator numbers documents and parties from the
    /// start of each run, so the same seed gives the same numbers on any dates). Checked once, on the
    /// run's first day: within a run, numbers go on and days follow each other.
    /// </summary>
    private async Task RefuseIfStoredAsync(SimulatedDay first, SimulationOptions options, CancellationToken cancellationToken)
    {
        var from = options.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(options.Days);
        var references = first.Consignments.Select(c => c.Reference).ToList();
        await using var db = database.CreateContext();
        if (await db.Consignments.Where(c => c.ArrivedAt >= from && c.ArrivedAt < to).MinAsync(c => (DateTime?)c.ArrivedAt, cancellationToken) is { } stored)
        {
            throw new Hosting.UserFacingException($"The database already holds traffic arriving on {stored:yyyy-MM-dd}; give a --from after the stored days.");
        }

        if (await db.Consignments.AnyAsync(c => references.Contains(c.Reference), cancellationToken))
        {
            throw new Hosting.UserFacingException($"Traffic simulated with seed {options.Seed} is stored already, and the same seed gives the same document numbers on any dates; give another --seed.");
        }
    }

    private async Task StoreRegisterAsync(SimulatedDay day, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, day.NewParties, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Earlier controls and their outcomes, against the consignments as ingest stored them.</summary>
    private async Task<int> StoreControlsAsync(SimulatedDay day, int seed, CancellationToken cancellationToken)
    {
        var controls = HistoricalControls.Pick(day, seed);
        var referenceOf = day.Consignments.ToDictionary(c => c.Id, c => c.Reference);
        var references = controls.Select(c => referenceOf[c.ConsignmentId]).ToList();
        await using var db = database.CreateContext();
        var stored = await db.Consignments.AsNoTracking()
            .Where(c => references.Contains(c.Reference) && c.RetractedAt == null)
            .Select(c => new { c.Reference, c.Id })
            .ToDictionaryAsync(c => c.Reference, c => c.Id, cancellationToken);
        var (receipt, outcomes) = HistoricalControls.ToOutcomes(controls, id => stored.TryGetValue(referenceOf[id], out var found) ? found : null, time.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.IngestReceipts.Add(receipt);
        await db.SaveChangesAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, outcomes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcomes.Count;
    }

    /// <summary>The vault links cases to the stored consignments, found by their bill of lading numbers.</summary>
    private async Task StoreGroundTruthAsync(SimulatedDay day, CancellationToken cancellationToken)
    {
        if (day.GroundTruth.Count == 0)
        {
            return;
        }

        var referenceOf = day.Consignments.ToDictionary(c => c.Id, c => c.Reference);
        var references = day.GroundTruth.Select(g => referenceOf[g.ConsignmentId]).ToList();
        await using var db = database.CreateContext();
        var stored = await db.Consignments.AsNoTracking()
            .Where(c => references.Contains(c.Reference) && c.RetractedAt == null)
            .Select(c => new { c.Reference, c.Id })
            .ToDictionaryAsync(c => c.Reference, c => c.Id, cancellationToken);
        var cases = day.GroundTruth
            .Where(g => stored.ContainsKey(referenceOf[g.ConsignmentId]))
            .Select(g => new SmugglingCase
            {
                ConsignmentId = stored[referenceOf[g.ConsignmentId]],
                ContainerNumber = g.ContainerNumber,
                Substance = g.Substance,
                Concealment = g.Concealment,
                Kilograms = g.Kilograms,
                Pattern = g.Pattern,
            })
            .ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, cases, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
