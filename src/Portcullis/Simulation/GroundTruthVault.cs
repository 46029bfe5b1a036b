using Microsoft.EntityFrameworkCore;
using Portcullis.Simulator;
using Portcullis.Storage;

namespace Portcullis.Simulation;

/// <summary>
/// The only door to the simulator's ground truth. Risk scoring and every API read path go without
/// it; evaluation reads it in bulk, and an inspection may reveal the truth of the one consignment
/// it physically opened.
/// </summary>
internal sealed class GroundTruthVault(Database database)
{
    public async Task<SmugglingCase?> RevealForInspectionAsync(Guid consignmentId, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return await db.Set<SmugglingCase>().AsNoTracking().SingleOrDefaultAsync(s => s.ConsignmentId == consignmentId, cancellationToken);
    }

    /// <summary>For benchmarks and offline evaluation only: every case in a period.</summary>
    public async Task<IReadOnlyList<SmugglingCase>> ReadAllForEvaluationAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return await db.Set<SmugglingCase>().AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The simulated world records what it did to containers (for evaluation of the alarm rules).</summary>
    public async Task RecordIncidentsAsync(IEnumerable<IntegrityIncident> incidents, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        db.Set<IntegrityIncident>().AddRange(incidents);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For benchmarks and offline evaluation only: every integrity incident.</summary>
    public async Task<IReadOnlyList<IntegrityIncident>> ReadIncidentsForEvaluationAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return await db.Set<IntegrityIncident>().AsNoTracking().ToListAsync(cancellationToken);
    }
}
