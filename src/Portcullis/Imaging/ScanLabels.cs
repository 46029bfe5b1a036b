using Microsoft.EntityFrameworkCore;
using Portcullis.Imaging.Analysis;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// Inspection outcomes as labels: every scan of a closed control is a labelled example, with a finding
/// when the control found something and without one when it was cleared. Derived from the links
/// (scan → control → findings), so a label never goes stale; a control released before its
/// inspection is no outcome. `scan learn --from-store` learns normal appearance from the cleared ones.
/// </summary>
public static class ScanLabels
{
    public sealed record Labelled(Scan Scan, Guid SelectionId, bool Finding);

    public static async Task<List<Labelled>> LabelledAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        var closed = await (from scan in db.Scans.AsNoTracking()
                            join selection in db.Selections.AsNoTracking() on scan.SelectionId equals selection.Id
                            where selection.State == SelectionState.Closed && !scan.PreviewOnly
                            select scan).ToListAsync(cancellationToken);
        var ids = closed.Select(s => s.SelectionId!.Value).Distinct().ToList();
        var found = (await db.Findings.AsNoTracking().Where(f => ids.Contains(f.SelectionId)).Select(f => f.SelectionId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        return [.. closed.OrderBy(s => s.ScannedAt).ThenBy(s => s.Id).Select(s => new Labelled(s, s.SelectionId!.Value, found.Contains(s.SelectionId!.Value)))];
    }

    /// <summary>The cleared scans (no finding) with their declared subject; a scan whose original cannot be read is left out and named.</summary>
    public static async Task<(List<LearningExample> Examples, int Skipped)> ClearedExamplesAsync(Database database, IScanStore store, Action<string> log, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var examples = new List<LearningExample>();
        var skipped = 0;
        foreach (var labelled in (await LabelledAsync(db, cancellationToken)).Where(l => !l.Finding))
        {
            var (image, problem) = await AnalyzeScan.LoadAsync(store, labelled.Scan, cancellationToken);
            if (image is null)
            {
                skipped++;
                log($"scan {labelled.Scan.Id}: {AnalysisOutcome.Refused(problem!).CannotAnalyse}; left out.");
                continue;
            }

            examples.Add(new LearningExample(image, await AnalyzeScan.SubjectOfAsync(db, labelled.Scan, cancellationToken)));
        }

        return (examples, skipped);
    }
}
