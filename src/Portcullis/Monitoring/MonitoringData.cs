using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Inspection;
using Portcullis.Risk.Monitoring;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Monitoring;

/// <summary>A closed control as monitoring counts it: where, on which day, why it was chosen, whether it found anything, and its lane.</summary>
public sealed record ClosedControl(Guid Id, string Hub, DateOnly Day, SelectionReason Reason, bool Hit, bool WouldBeTargeted, double SeizedKg, string Lane);

/// <summary>
/// What monitoring reads: stored inspection outcomes (closed selections and their findings), never
/// the simulator's ground truth; only of the hubs the reader may see. The day is the plan day of
/// the control; the lane comes from the selection's first consignment (origin country, HS chapter
/// of its first goods line, kind of consignment), looked up for hits only (a control without a hit
/// carries "unknown lane": nothing reads the lane of a clean control).
/// </summary>
public static class MonitoringData
{
    public static IQueryable<SelectionCase> Visible(PortcullisDb db, CurrentUser user, DateOnly from, DateOnly to)
    {
        var query = db.Selections.AsNoTracking().Where(s => s.PlanDate >= from && s.PlanDate <= to);
        if (!user.AllHubs)
        {
            var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
            query = query.Where(s => hubs.Contains(s.HubCode));
        }

        return query;
    }

    public static async Task<IReadOnlyList<ClosedControl>> ClosedControlsAsync(PortcullisDb db, CurrentUser user, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await Visible(db, user, from, to)
            .Where(s => s.State == SelectionState.Closed && s.Hit != null)
            .Select(s => new { s.Id, s.HubCode, s.PlanDate, s.Reason, s.Hit, s.WouldBeTargeted, s.SeizedKg, s.ConsignmentIds })
            .ToListAsync(cancellationToken);
        // Only hits are counted by lane (seizures by lane, the waterbed test): looking up the lane of
        // every closed control made the full-scale month 15 times more work than the hits need.
        var ids = rows.Where(r => r.Hit == true).Select(r => r.ConsignmentIds.FirstOrDefault()).Where(id => id != Guid.Empty).Distinct().ToList();
        var lanes = (await db.Consignments.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.OriginCountry, c.Kind, Hs = c.Goods.OrderBy(g => g.LineNumber).Select(g => g.HsCode).FirstOrDefault() })
                .ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => Lane.Of(c.OriginCountry, c.Hs, c.Kind.ToString()));
        return [.. rows.Select(r => new ClosedControl(r.Id, r.HubCode, r.PlanDate, r.Reason, r.Hit!.Value, r.WouldBeTargeted, r.SeizedKg ?? 0,
            r.ConsignmentIds.Count > 0 && lanes.TryGetValue(r.ConsignmentIds[0], out var lane) ? lane : "unknown lane"))];
    }

    /// <summary>The findings of the given controls (the seizures: substance, kilograms, concealment).</summary>
    public static async Task<IReadOnlyList<Finding>> FindingsAsync(PortcullisDb db, IReadOnlyCollection<Guid> selectionIds, CancellationToken cancellationToken)
    {
        var ids = selectionIds.ToList();
        return await db.Findings.AsNoTracking().Where(f => ids.Contains(f.SelectionId)).ToListAsync(cancellationToken);
    }
}
