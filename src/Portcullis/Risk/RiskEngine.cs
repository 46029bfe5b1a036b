using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;
using Portcullis.Risk.Rules;
using Portcullis.Risk.Scoring;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// Scores cases with the active rule profiles and the active model and keeps the registry. Holds
/// one in-memory state (compiled profiles, the loaded model, the history of all stored cases) that
/// is rebuilt when a profile, model or watch list changes, or when it is older than the scoring
/// interval, so that a single API call costs features and one prediction, not a database scan.
/// </summary>
public sealed partial class RiskEngine(Database database, TimeProvider clock, RiskOptions options, Integrity.IntegrityOptions integrity, Parties.SanctionsOptions sanctions, Imaging.ScanAnalysisModel scanAnalysis, ILogger<RiskEngine> logger)
{
    private readonly SemaphoreSlim _building = new(1, 1);

    // The background job and an explicit 'score' must not both replace the same rows at once.
    private readonly SemaphoreSlim _scoring = new(1, 1);
    private EngineState? _state;

    /// <summary>Forget the state: the next call rebuilds it from the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _state, null);
    }

    private int _generation;

    /// <summary>One case against the history as of now; nothing is stored.</summary>
    public async Task<Assessment> AssessAsync(RiskCase riskCase, CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken);
        var facts = state.Runtime.Facts(riskCase);
        return Assess(state, riskCase, facts, state.Runtime.Score(riskCase));
    }

    /// <summary>
    /// Scores stored consignments (those never scored, or <paramref name="only"/>, or all with
    /// <paramref name="all"/>) and stores the result; each case sees only the history before its day.
    /// </summary>
    public async Task<int> ScoreStoredAsync(IReadOnlyCollection<Guid>? only, bool all, CancellationToken cancellationToken)
    {
        await _scoring.WaitAsync(cancellationToken);
        try
        {
            return await ScoreUnderLockAsync(only, all, cancellationToken);
        }
        finally
        {
            _scoring.Release();
        }
    }

    private async Task<int> ScoreUnderLockAsync(IReadOnlyCollection<Guid>? only, bool all, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        // The background job calls this every interval: when nothing waits for a score, it costs one query.
        if (!all && only is null && !await db.Consignments.AnyAsync(c => c.RetractedAt == null && !db.RiskScores.Any(s => s.ConsignmentId == c.Id), cancellationToken))
        {
            return 0;
        }

        var scored = all || only is not null ? [] : (await db.RiskScores.Select(s => s.ConsignmentId).ToListAsync(cancellationToken)).ToHashSet();
        var wanted = only?.ToHashSet();
        var state = await StateAsync(cancellationToken);
        if (state.Profiles.Count == 0 && state.ModelVersion is null)
        {
            return 0;
        }

        var cases = await CaseSources.LoadAsync(db, null, cancellationToken);
        var targets = new List<Assessment>();
        foreach (var (riskCase, facts, score) in state.Runtime.InOrder(cases, c => wanted is not null ? wanted.Contains(Guid.Parse(c.Id)) : !scored.Contains(Guid.Parse(c.Id)), cancellationToken))
        {
            targets.Add(Assess(state, riskCase, facts, score));
        }

        if (targets.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hubs = cases.ToDictionary(c => c.Id, c => c.Hub, StringComparer.Ordinal);
        var arrivals = cases.ToDictionary(c => c.Id, c => c.Date, StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in targets.Chunk(500))
        {
            var ids = chunk.Select(a => Guid.Parse(a.CaseId)).ToList();
            await db.RiskScores.Where(s => ids.Contains(s.ConsignmentId)).ExecuteDeleteAsync(cancellationToken);
        }

        await BulkInsert.InsertAsync(db, [.. targets.Select(a => new RiskScore
        {
            ConsignmentId = Guid.Parse(a.CaseId),
            HubCode = hubs[a.CaseId],
            ScoredAt = now,
            ArrivedAt = arrivals[a.CaseId],
            Score = a.Score,
            RuleScore = a.RuleScore,
            ModelProbability = a.ModelProbability,
            ModelVersion = a.ModelVersion,
            Profiles = [.. a.Profiles],
            Reasons = [.. a.Reasons],
        })], cancellationToken);
        // Open high and critical alarms are reasons of their containers' scores: a new score keeps them.
        await Integrity.AlarmRisk.ReapplyAsync(db, integrity.Alarms, cancellationToken);
        // So are confirmed sanctions hits of their parties.
        await Parties.SanctionsCases.ReapplyAsync(db, sanctions, cancellationToken);
        // And alarming scan analyses of their containers.
        await Imaging.AnalysisRisk.ReapplyAsync(db, scanAnalysis.RiskWeight, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogMessages.Scored(logger, targets.Count, state.ModelVersion);
        return targets.Count;
    }

    /// <summary>The candidate (or why there is none) and the features that look like the label in its window.</summary>
    public sealed record TrainResult(RiskModelVersion? Model, string? Error, IReadOnlyList<LabelLeak>? LabelLeaks = null);

    /// <summary>Trains a candidate on the inspected consignments arriving in [from, to); it scores nothing until a supervisor activates it.</summary>
    public async Task<TrainResult> TrainAsync(DateTime from, DateTime to, string actor, Guid? organisationId, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var cases = await CaseSources.LoadAsync(db, to, cancellationToken);
        TrainedRiskModel trained;
        try
        {
            trained = await Task.Run(() => RiskTrainer.Train(cases, new TrainingOptions { From = from, To = to }, cancellationToken), cancellationToken);
        }
        catch (RiskTrainingException e)
        {
            return new(null, e.Message);
        }

        // Stored cases carry no outcome column names (CSV mappings' names are gone by now): the
        // outcome words and the label statistics do the work.
        var leaks = LabelLeaks.Find(cases.Where(c => c.Date >= from && c.Date < to));

        var version = (await db.RiskModels.MaxAsync(m => (int?)m.Version, cancellationToken) ?? 0) + 1;
        var model = new RiskModelVersion
        {
            Id = Guid.CreateVersion7(),
            Version = version,
            TrainedAt = clock.GetUtcNow().UtcDateTime,
            TrainedBy = actor,
            WindowFrom = from,
            WindowTo = to,
            Cases = trained.Info.TrainingCases,
            Hits = trained.Info.TrainingHits,
            Features = [.. trained.FeatureNames],
            Metrics = JsonSerializer.Serialize(new { validation = trained.Validation, hyperparameters = trained.Hyperparameters, labelLeaks = leaks }, JsonOptions),
            Artifact = trained.Save(),
            Status = ModelStatus.Candidate,
        };
        db.RiskModels.Add(model);
        AuditLog.Record(db, clock, actor, organisationId, "risk.model.train", $"model v{version}", $"window {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, {model.Cases} cases, {model.Hits} hits, {leaks.Count} label-leak warnings");
        await db.SaveChangesAsync(cancellationToken);
        return new(model, null, leaks);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private Assessment Assess(EngineState state, RiskCase riskCase, CaseFacts facts, ModelScore? modelScore)
    {
        var hits = new List<RuleHit>();
        var applied = new List<string>();
        foreach (var profile in state.Profiles)
        {
            if (!profile.AppliesTo(riskCase.Hub, riskCase.Date))
            {
                continue;
            }

            applied.Add(profile.Label);
            hits.AddRange(profile.Compiled.Evaluate(riskCase, facts).Hits);
        }

        // Sanctioned goods (EU annexes for Russia and Belarus) are rules of their own family, in every profile's evidence.
        var goods = Parties.SanctionsGoodsRisk.Reasons(Parties.SanctionsGoodsRisk.Flags(riskCase, state.Goods), sanctions).ToList();
        // Noisy-or across profiles as within one: each fired rule is independent evidence.
        var ruleScore = CombinedScore.NoisyOr(hits.Select(h => h.Weight).Concat(goods.Select(g => g.Effect)));
        var probability = modelScore?.Probability;
        var reasons = hits.OrderByDescending(h => h.Weight).Select(h => new RiskReason("rule", h.RuleId, h.Reason, h.Weight, DutchText: h.ReasonNl))
            .Concat(goods)
            .Concat((modelScore?.Top ?? []).Select(c => new RiskReason("model", c.Feature, c.Description, c.Effect, c.Phrase)))
            .ToList();
        return new Assessment(riskCase.Id, CombinedScore.Combine(probability, ruleScore, options.TrustFor(riskCase.Hub)), ruleScore, probability,
            probability is null ? null : state.ModelVersion, Assessment.BasisOf(probability is null ? null : state.ModelVersion, applied), applied, reasons);
    }

    private async Task<EngineState> StateAsync(CancellationToken cancellationToken)
    {
        var state = Volatile.Read(ref _state);
        if (state is not null)
        {
            // A stale state keeps answering while a fresh one is built in the background: a rebuild
            // reads every stored case and would otherwise stall every request behind it.
            if (clock.GetUtcNow() - state.BuiltAt >= TimeSpan.FromSeconds(options.StateRefreshSeconds) && _building.Wait(0, CancellationToken.None))
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        var generation = Volatile.Read(ref _generation);
                        var fresh = await BuildAsync(CancellationToken.None);
                        // A change (activation, watch list) during the build makes this state outdated already.
                        if (generation == Volatile.Read(ref _generation))
                        {
                            Volatile.Write(ref _state, fresh);
                        }
                    }
                    catch (Exception e)
                    {
                        LogMessages.ScoringFailed(logger, e);
                    }
                    finally
                    {
                        _building.Release();
                    }
                }, CancellationToken.None);
            }

            return state;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            state = Volatile.Read(ref _state);
            if (state is not null)
            {
                return state;
            }

            state = await BuildAsync(cancellationToken);
            Volatile.Write(ref _state, state);
            return state;
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<EngineState> BuildAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var profiles = (await db.RuleProfiles.AsNoTracking().Where(p => p.Status == ProfileStatus.Active).ToListAsync(cancellationToken))
            .Select(p => new ActiveProfile(p, RuleEngine.Compile(RuleProfileParser.Parse(p.Yaml))))
            .ToList();
        var active = await db.RiskModels.AsNoTracking().Where(m => m.Status == ModelStatus.Active).SingleOrDefaultAsync(cancellationToken);
        var history = await CaseSources.LoadAsync(db, null, cancellationToken);
        var model = active is null ? null : TrainedRiskModel.Load(active.Artifact);
        var goods = await Parties.ImportSanctionedGoods.ActiveAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        return new EngineState(now, profiles, active?.Version, ModelRuntime.Build(history, model, now.UtcDateTime, cancellationToken), goods);
    }

    private sealed record EngineState(DateTimeOffset BuiltAt, IReadOnlyList<ActiveProfile> Profiles, int? ModelVersion, ModelRuntime Runtime, Parties.Sanctions.Goods.SanctionedGoods Goods);

    private sealed record ActiveProfile(RuleProfileVersion Version, CompiledProfile Compiled)
    {
        public string Label => $"{Version.Name} v{Version.Version}";

        public bool AppliesTo(string hub, DateTime at) =>
            (Version.Hubs.Count == 0 || Version.Hubs.Contains(hub, StringComparer.OrdinalIgnoreCase))
            && (Version.ValidFrom is not { } from || at >= from)
            && (Version.ValidTo is not { } to || at < to);
    }
}

internal static partial class LogMessages
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Scored {Count} consignments (model version {ModelVersion}).")]
    public static partial void Scored(ILogger logger, int count, int? modelVersion);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Background risk scoring failed; it tries again at the next interval.")]
    public static partial void ScoringFailed(ILogger logger, Exception exception);
}
