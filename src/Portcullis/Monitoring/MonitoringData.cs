using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Inspection;
using Portcullis.Risk.Monitoring;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Monitoring;

/// <summary>
/// A closed control as monitoring counts it: where, on which day, why it was chosen, whether it
/// found anything, its lane and, for a hit with findings, its pattern (<see cref="Risk.Monitoring.Pattern"/>:
/// the HS chapter and mode of its lane with the concealment of its heaviest finding).
/// </summary>
public sealed record ClosedControl(Guid Id, string Hub, DateOnly Day, SelectionReason Reason, bool Hit, bool WouldBeTargeted, double SeizedKg, string Lane, string? Pattern = null);

/// <summary>
/// What monitoring reads: stored inspection outcomes (closed selections and their findings), never
/// the simulator's ground truth; only of the hubs the reader may see. The day is the plan day of
/// the control; the lane comes from the selection's first consignment (origin country, HS chapter
/// of its first goods line, kind of consignment), looked up for hits only (a control without a hit
/// carries "unknown lane": nothing reads the lane of a clean control); the pattern adds the
/// concealment of the hit's heaviest finding to that chapter and kind (none without findings).
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

    /// <summary>The closed controls of the period; with <paramref name="patterns"/> (the waterbed test) each hit's pattern too, which reads the hits' findings.</summary>
    public static async Task<IReadOnlyList<ClosedControl>> ClosedControlsAsync(PortcullisDb db, CurrentUser user, DateOnly from, DateOnly to, CancellationToken cancellationToken, bool patterns = false)
    {
        var rows = await Visible(db, user, from, to)
            .Where(s => s.State == SelectionState.Closed && s.Hit != null)
            .Select(s => new { s.Id, s.HubCode, s.PlanDate, s.Reason, s.Hit, s.WouldBeTargeted, s.SeizedKg, s.ConsignmentIds })
            .ToListAsync(cancellationToken);
        // Only hits are counted by lane (seizures by lane, the waterbed test): looking up the lane of
        // every closed control made the full-scale month 15 times more work than the hits need.
        var ids = rows.Where(r => r.Hit == true).Select(r => r.ConsignmentIds.FirstOrDefault()).Where(id => id != Guid.Empty).Distinct().ToList();
        var consignments = (await db.Consignments.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.OriginCountry, c.Kind, Hs = c.Goods.OrderBy(g => g.LineNumber).Select(g => g.HsCode).FirstOrDefault() })
                .ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id);
        // The heaviest finding names the way the load was hidden; ties go to the first concealment
        // in the enum's order, so the key does not depend on the order the rows come back in.
        var concealments = patterns
            ? (await FindingsAsync(db, [.. rows.Where(r => r.Hit == true).Select(r => r.Id)], cancellationToken))
                .GroupBy(f => f.SelectionId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Kilograms).ThenBy(f => f.Concealment).First().Concealment)
            : [];
        return [.. rows.Select(r =>
        {
            var consignment = r.ConsignmentIds.Count > 0 && consignments.TryGetValue(r.ConsignmentIds[0], out var c) ? c : null;
            var pattern = consignment is not null && concealments.TryGetValue(r.Id, out var concealment) ? Pattern.Of(consignment.Hs, consignment.Kind.ToString(), concealment.ToString()) : null;
            return new ClosedControl(r.Id, r.HubCode, r.PlanDate, r.Reason, r.Hit!.Value, r.WouldBeTargeted, r.SeizedKg ?? 0,
                consignment is null ? "unknown lane" : Lane.Of(consignment.OriginCountry, consignment.Hs, consignment.Kind.ToString()), pattern);
        })];
    }

    /// <summary>The findings of the given controls (the seizures: substance, kilograms, concealment).</summary>
    public static async Task<IReadOnlyList<Finding>> FindingsAsync(PortcullisDb db, IReadOnlyCollection<Guid> selectionIds, CancellationToken cancellationToken)
    {
        var ids = selectionIds.ToList();
        return await db.Findings.AsNoTracking().Where(f => ids.Contains(f.SelectionId)).ToListAsync(cancellationToken);
    }
}
