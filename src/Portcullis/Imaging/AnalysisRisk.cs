using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Phrasing;
using Portcullis.Risk;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// Keeps the scan-analysis reasons on the stored risk scores of a container's consignments true: the
/// current analysis of each of the container's scans (its newest run) and the current comparison of
/// each pair that alarms is one reason (source "scan-analysis") whose effect is
/// <see cref="ScanAnalysisOptions.RiskWeight"/> × the analysis score; a re-run that no longer alarms
/// takes it away. Runs in the caller's unit of work, so the analysis and its effect commit together.
/// </summary>
public static class AnalysisRisk
{
    public const string Source = "scan-analysis";

    public static async Task ApplyAsync(PortcullisDb db, IReadOnlyCollection<string> containers, double weight, CancellationToken cancellationToken)
    {
        if (containers.Count == 0)
        {
            return;
        }

        var consignments = await db.ConsignmentEquipment.AsNoTracking().Where(e => containers.Contains(e.ContainerNumber))
            .Select(e => new { e.ConsignmentId, e.ContainerNumber }).ToListAsync(cancellationToken);
        var ids = consignments.Select(l => l.ConsignmentId).Distinct().ToList();
        var scores = ids.Count == 0 ? [] : await db.RiskScores.Where(s => ids.Contains(s.ConsignmentId)).ToListAsync(cancellationToken);
        if (scores.Count == 0)
        {
            return;
        }

        var scans = await db.Scans.AsNoTracking().Where(s => s.SubjectKind == ScanSubjectKind.Container && containers.Contains(s.Subject))
            .Select(s => new { s.Id, s.Subject }).ToListAsync(cancellationToken);
        var scanIds = scans.Select(s => s.Id).ToList();
        var rows = await db.ScanAnalyses.AsNoTracking().Where(a => scanIds.Contains(a.ScanId)).ToListAsync(cancellationToken);
        // Rows this unit of work added are not saved yet: the analysis being stored must count.
        rows.AddRange(db.ChangeTracker.Entries<ScanAnalysis>().Where(e => e.State == EntityState.Added && scanIds.Contains(e.Entity.ScanId)).Select(e => e.Entity));
        var containerOf = scans.ToDictionary(s => s.Id, s => s.Subject);
        var current = rows.GroupBy(a => (a.ScanId, a.OriginScanId))
            .Select(g => g.OrderByDescending(a => a.AnalysedAt).ThenByDescending(a => a.Id).First())
            .Where(a => a.Alarm && a.Score is not null)
            .OrderByDescending(a => a.Score)
            .ToList();
        foreach (var score in scores)
        {
            var onBoard = consignments.Where(l => l.ConsignmentId == score.ConsignmentId).Select(l => l.ContainerNumber).ToHashSet(StringComparer.Ordinal);
            var reasons = current.Where(a => onBoard.Contains(containerOf[a.ScanId]))
                .Select(a => Reason(a, containerOf[a.ScanId], Math.Clamp(weight * a.Score!.Value, 0, 0.99)))
                .ToList();
            score.ReplaceEvidence(Source, reasons);
        }
    }

    /// <summary>After the engine wrote scores anew, puts every alarming analysis back on its containers' scores.</summary>
    public static async Task ReapplyAsync(PortcullisDb db, double weight, CancellationToken cancellationToken)
    {
        var alarmed = await (from a in db.ScanAnalyses
                             where a.Alarm
                             join s in db.Scans on a.ScanId equals s.Id
                             where s.SubjectKind == ScanSubjectKind.Container
                             select s.Subject).Distinct().ToListAsync(cancellationToken);
        foreach (var chunk in alarmed.Chunk(500))
        {
            await ApplyAsync(db, chunk, weight, cancellationToken);
        }
    }

    // The text is the English the API reads; the phrase nests the analysis's own first reason, so an
    // analysis stored before phrases existed (English reasons only) gets none and the page shows English.
    private static RiskReason Reason(ScanAnalysis a, string container, double effect)
    {
        var first = a.Reasons.FirstOrDefault();
        var firstPhrase = a.ReasonPhrases?.FirstOrDefault();
        var key = a.IsComparison ? "EvidenceWhy.Compare" : "EvidenceWhy.Scan";
        var english = first is null ? Phrase.Of(key, a.Score!.Value, container, a.Version) : Phrase.Of(key + "Reason", a.Score!.Value, container, a.Version, first);
        var phrase = first is null ? english : firstPhrase is null ? null : Phrase.Of(key + "Reason", a.Score!.Value, container, a.Version, firstPhrase);
        return new RiskReason(Source, $"{a.Family}:{a.Id:N}", EvidencePhrases.Catalogue.Say(english), effect, phrase);
    }
}
