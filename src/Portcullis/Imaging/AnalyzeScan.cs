using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Phrasing;
using Portcullis.Hosting;
using Portcullis.Imaging.Analysis;
using Portcullis.Storage;
using AnalysisKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Imaging;

/// <summary>The model the server analyses with (<c>Imaging:Analysis:ModelPath</c>), read once at start; none means the built-in defaults.</summary>
public sealed class ScanAnalysisModel(AnalysisModel? model, double riskWeight = 0.6)
{
    /// <summary><see cref="ScanAnalysisOptions.RiskWeight"/>, with the model because every run applies both.</summary>
    public double RiskWeight => riskWeight;

    public AnalysisModel? Model => model;

    public string Version => model is null ? "built-in" : string.Create(CultureInfo.InvariantCulture, $"learned {model.LearnedAt:yyyy-MM-dd HH:mm} UTC from {model.Examples} scan(s)");

    /// <summary>The setting's model, or a refusal in one sentence that stops the start (a wrong model must not analyse silently).</summary>
    public static ScanAnalysisModel Load(string? path, double riskWeight = 0.6)
    {
        if (riskWeight is < 0 or >= 1 || !double.IsFinite(riskWeight))
        {
            throw new UserFacingException($"Imaging:Analysis:RiskWeight must be at least 0 and below 1; fix the setting.");
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            return new ScanAnalysisModel(null, riskWeight);
        }

        if (!File.Exists(path))
        {
            throw new UserFacingException($"Imaging:Analysis:ModelPath '{path}' does not exist; write the model with 'portcullis scan learn' or remove the setting for the built-in defaults.");
        }

        var (model, problem) = AnalysisModel.Parse(File.ReadAllText(path));
        return model is null ? throw new UserFacingException($"Imaging:Analysis:ModelPath '{path}' is not usable: {problem}.") : new ScanAnalysisModel(model, riskWeight);
    }
}

/// <summary>
/// Analyses a stored scan and stores the outcome (result or refusal) on the caller's context: the one
/// function behind the analysis job (a stored scan), the re-run (<c>POST /api/v1/scans/{id}/analyze</c>)
/// and the demo. A container scan with a scan of the same container from the other side (a partner's
/// origin scan and our arrival scan) is also compared with it. Never throws for a bad scan: a damaged
/// original, an image the analysers refuse or one they fail on is stored as "cannot analyse: …".
/// </summary>
public static class AnalyzeScan
{
    public const string JobActor = "system:scan-analysis";

    public sealed record Stored(ScanAnalysis Analysis, ScanAnalysis? Comparison);

    public static async Task<Stored> RunAsync(PortcullisDb db, IScanStore store, ScanAnalysisModel model, TimeProvider clock, Scan scan, string actor, CancellationToken cancellationToken)
    {
        var (image, problem) = await LoadAsync(store, scan, cancellationToken);
        var subject = await SubjectOfAsync(db, scan, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var outcome = image is null ? AnalysisOutcome.Refused(problem!) : Safe(() => ScanAnalyzer.Analyze(image, subject, model.Model, cancellationToken), AnalysisOutcome.Refused);
        var analysis = Row(scan.Id, null, subject.Kind == AnalysisKind.Parcel ? "parcel" : "container", model, clock, actor, outcome.Result is { } r
            ? new Outcome(r.Score, r.Alarm, null, null, null, r.Regions, r.Reasons, r.Heatmap, r.Version, r.Milliseconds, null, r.ReasonPhrases)
            : new Outcome(null, false, null, null, null, [], [], null, "", Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome.CannotAnalyse, RefusedPhrase: outcome.CannotAnalysePhrase));
        db.ScanAnalyses.Add(analysis);

        ScanAnalysis? comparison = null;
        if (scan.SubjectKind == ScanSubjectKind.Container && await CounterpartAsync(db, scan, cancellationToken) is { } other)
        {
            var (origin, arrival) = scan.Origin == ScanOrigin.Partner ? (scan, other) : (other, scan);
            var originImage = origin == scan ? (image, problem) : await LoadAsync(store, origin, cancellationToken);
            var arrivalImage = arrival == scan ? (image, problem) : await LoadAsync(store, arrival, cancellationToken);
            started = Stopwatch.GetTimestamp();
            var compared = originImage.image is null || arrivalImage.image is null
                ? ComparisonOutcome.Refused((originImage.problem ?? arrivalImage.problem)!)
                : Safe(() => ScanAnalyzer.Compare(originImage.image, arrivalImage.image, model.Model, cancellationToken), ComparisonOutcome.Refused);
            comparison = Row(arrival.Id, origin.Id, "compare", model, clock, actor, compared.Result is { } c
                ? new Outcome(c.Score, c.Alarm, c.Change.ToString().ToLowerInvariant(), c.Kg, c.RegionsImage, c.Regions, c.Reasons, c.ChangeMap, c.Version, c.Milliseconds, null, c.ReasonPhrases)
                : new Outcome(null, false, null, null, null, [], [], null, "", Stopwatch.GetElapsedTime(started).TotalMilliseconds, compared.CannotCompare, RefusedPhrase: compared.CannotComparePhrase));
            db.ScanAnalyses.Add(comparison);
        }

        if (scan.SubjectKind == ScanSubjectKind.Container)
        {
            await AnalysisRisk.ApplyAsync(db, [scan.Subject], model.RiskWeight, cancellationToken);
        }

        return new Stored(analysis, comparison);
    }

    /// <summary>The newest analysis of a scan (not a comparison), or null when it has none yet.</summary>
    public static Task<ScanAnalysis?> LatestAsync(PortcullisDb db, Guid scanId, CancellationToken cancellationToken) =>
        db.ScanAnalyses.AsNoTracking().Where(a => a.ScanId == scanId && a.OriginScanId == null)
            .OrderByDescending(a => a.AnalysedAt).ThenByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The newest comparison of each pair this scan is part of (as origin or arrival), newest first.</summary>
    public static async Task<List<ScanAnalysis>> ComparisonsAsync(PortcullisDb db, Guid scanId, CancellationToken cancellationToken)
    {
        var rows = await db.ScanAnalyses.AsNoTracking().Where(a => a.OriginScanId != null && (a.ScanId == scanId || a.OriginScanId == scanId)).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(a => (a.OriginScanId, a.ScanId)).Select(g => g.OrderByDescending(a => a.AnalysedAt).ThenByDescending(a => a.Id).First()).OrderByDescending(a => a.AnalysedAt)];
    }

    /// <summary>
    /// The scan's image from the store (two files: low energy first, one dual-energy scan), or why it cannot be
    /// analysed: a phrase of <see cref="ScanPhrases"/>, or the reader's or store's own words, without "cannot analyse: ".
    /// </summary>
    public static async Task<(ScanImage? image, PhraseArg? problem)> LoadAsync(IScanStore store, Scan scan, CancellationToken cancellationToken)
    {
        if (scan.PreviewOnly)
        {
            return (null, ScanPhrases.Preview);
        }

        try
        {
            ScanPreviews.SilenceOpenCv();
            var images = new List<ScanImage>();
            foreach (var hash in scan.FileHashes)
            {
                var read = ScanReader.Read(await store.GetAsync(hash, cancellationToken));
                if (read.Image is null)
                {
                    return (null, Phrase.Of("ScanWhy.Refused.Unreadable", read.Error?.Message ?? ""));
                }

                images.Add(read.Image);
            }

            if (images.Count == 1)
            {
                return (images[0], null);
            }

            var combined = ScanReader.Combine(images[0], images[1]);
            return combined.Image is null ? (null, combined.Error?.Message ?? "") : (combined.Image, null);
        }
        catch (ScanStoreException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// What the scan should show, from its links: a container's ISO size/type code from the cargo data
    /// and the declared HS code of its control's consignments (the heaviest goods line); parcels and
    /// air waybills are analysed as parcels.
    /// </summary>
    public static async Task<ScanSubject> SubjectOfAsync(PortcullisDb db, Scan scan, CancellationToken cancellationToken)
    {
        if (scan.SubjectKind != ScanSubjectKind.Container)
        {
            return new ScanSubject(AnalysisKind.Parcel);
        }

        var isoType = await db.Equipment.AsNoTracking().Where(e => e.ContainerNumber == scan.Subject).Select(e => e.SizeType).FirstOrDefaultAsync(cancellationToken);
        string? hs = null;
        if (scan.SelectionId is { } selectionId
            && await db.Selections.AsNoTracking().Where(s => s.Id == selectionId).Select(s => s.ConsignmentIds).FirstOrDefaultAsync(cancellationToken) is { Count: > 0 } consignments)
        {
            hs = await db.GoodsLines.AsNoTracking().Where(g => consignments.Contains(g.ConsignmentId))
                .OrderByDescending(g => g.GrossKg).Select(g => g.HsCode).FirstOrDefaultAsync(cancellationToken);
        }

        return new ScanSubject(AnalysisKind.Container, hs, isoType, scan.Subject);
    }

    // The other side of an origin–arrival pair: for our scan the partner's latest origin scan of the
    // box before it, for a partner's scan our first scan after it, within the waiting window.
    private static async Task<Scan?> CounterpartAsync(PortcullisDb db, Scan scan, CancellationToken cancellationToken)
    {
        var since = scan.ScannedAt - ImportScan.WaitingWindow;
        var until = scan.ScannedAt + ImportScan.WaitingWindow;
        var same = db.Scans.AsNoTracking().Where(s => s.SubjectKind == ScanSubjectKind.Container && s.Subject == scan.Subject && s.Id != scan.Id && !s.PreviewOnly);
        return scan.Origin == ScanOrigin.Own
            ? await same.Where(s => s.Origin == ScanOrigin.Partner && s.ScannedAt <= scan.ScannedAt && s.ScannedAt >= since).OrderByDescending(s => s.ScannedAt).FirstOrDefaultAsync(cancellationToken)
            : await same.Where(s => s.Origin == ScanOrigin.Own && s.ScannedAt >= scan.ScannedAt && s.ScannedAt <= until).OrderBy(s => s.ScannedAt).FirstOrDefaultAsync(cancellationToken);
    }

    private sealed record Outcome(double? Score, bool Alarm, string? Change, double? Kg, string? RegionsImage, IReadOnlyList<AnalysisRegion> Regions, IReadOnlyList<string> Reasons,
        AnalysisHeatmap? Heatmap, string Version, double Milliseconds, string? Refused, IReadOnlyList<Phrase>? ReasonPhrases = null, Phrase? RefusedPhrase = null);

    private static ScanAnalysis Row(Guid scanId, Guid? originScanId, string family, ScanAnalysisModel model, TimeProvider clock, string actor, Outcome o) => new()
    {
        Id = Guid.CreateVersion7(),
        ScanId = scanId,
        OriginScanId = originScanId,
        Family = family,
        Version = Clip(o.Version, 100),
        ModelVersion = Clip(model.Version, 100),
        Score = o.Score,
        Alarm = o.Alarm,
        Change = o.Change,
        Kg = o.Kg,
        RegionsImage = o.RegionsImage is null ? null : Clip(o.RegionsImage, 10),
        Regions = [.. o.Regions.Take(100)],
        Reasons = [.. o.Reasons.Take(20)],
        ReasonPhrases = o.ReasonPhrases is { } phrases ? [.. phrases.Take(20)] : null,
        HeatmapJson = o.Heatmap is null ? null : JsonSerializer.Serialize(o.Heatmap, AnalysisModel.Json),
        Milliseconds = Math.Round(o.Milliseconds, 1),
        CannotAnalyse = o.Refused is null ? null : Clip(o.Refused, 1000),
        CannotAnalysePhrase = o.Refused is null ? null : o.RefusedPhrase,
        AnalysedAt = clock.GetUtcNow().UtcDateTime,
        RequestedBy = Clip(actor, 100),
    };

    // An analyser that throws on one strange image is stored as a refusal, never retried in a loop.
    private static T Safe<T>(Func<T> run, Func<PhraseArg, T> refused)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return refused(Phrase.Of("ScanWhy.Refused.Failed", e.GetType().Name, e.Message));
        }
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}

/// <summary>
/// Analyses every stored scan (<c>imaging.scan.stored</c>) in its own transaction, like the other
/// outbox reactions; only the node that wrote the row, so two nodes never analyse the same scan. A
/// scan lost to a crash between commit and dispatch is analysed by a re-run.
/// </summary>
public sealed class ScanAnalysisJob(Database database, IScanStore store, ScanAnalysisModel model, TimeProvider clock) : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == ScanStored.EventType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Origin != NodeIdentity.Current || JsonSerializer.Deserialize<ScanStored>(message.Payload, Json) is not { } stored)
        {
            return;
        }

        await using var db = database.CreateContext();
        var scan = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == stored.ScanId, cancellationToken);
        if (scan is null || await db.ScanAnalyses.AnyAsync(a => a.ScanId == scan.Id && a.OriginScanId == null, cancellationToken))
        {
            return;
        }

        await AnalyzeScan.RunAsync(db, store, model, clock, scan, AnalyzeScan.JobActor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
