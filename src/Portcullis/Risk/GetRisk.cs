using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>
/// REST: stored scores with their reasons: one consignment, one container (the worst of its
/// consignments) and a hub's ranking. Outside the caller's hubs it answers as if nothing existed.
/// </summary>
public static class GetRisk
{
    public sealed record ScoreView(Guid ConsignmentId, string Reference, string HubCode, DateTime ArrivedAt, double Score, double RuleScore, double? ModelProbability,
        int? ModelVersion, string Basis, IReadOnlyList<string> Profiles, IReadOnlyList<ReadableReasons.ReasonView> Reasons, DateTime ScoredAt);

    public static async Task<Results<Ok<ScoreView>, ProblemHttpResult>> ConsignmentAsync(Guid id, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var view = (await QueryAsync(db, db.RiskScores.Where(s => s.ConsignmentId == id), cancellationToken)).SingleOrDefault();
        if (view is null || !user.CanSeeHub(view.HubCode))
        {
            return TypedResults.Problem($"There is no scored consignment {id} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        LogViews(db, clock, user, [view]);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<ScoreView>, ProblemHttpResult>> ContainerAsync(string number, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var ids = db.ConsignmentEquipment.Where(e => e.ContainerNumber == number.ToUpperInvariant()).Select(e => e.ConsignmentId);
        var worst = (await QueryAsync(db, db.RiskScores.Where(s => ids.Contains(s.ConsignmentId)), cancellationToken))
            .Where(v => user.CanSeeHub(v.HubCode))
            .OrderByDescending(v => v.Score)
            .FirstOrDefault();
        if (worst is null)
        {
            return TypedResults.Problem($"There is no scored consignment in container {Echo.Of(number)} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        AuditLog.Record(db, clock, user, "view.score", $"container {number.ToUpperInvariant()}", $"score {worst.Score:0.###} of consignment {worst.Reference}");
        return TypedResults.Ok(worst);
    }

    /// <summary>Every score shown is logged (who, when, organisation, which consignment), as for selections.</summary>
    public static void LogViews(PortcullisDb db, TimeProvider clock, CurrentUser user, IEnumerable<ScoreView> views)
    {
        foreach (var view in views)
        {
            AuditLog.Record(db, clock, user, "view.score", $"consignment {view.Reference}", $"score {view.Score:0.###}");
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<ScoreView>>, ProblemHttpResult>> RankingAsync(string hub, DateOnly? date, int? top, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        if (!user.CanSeeHub(hub))
        {
            return TypedResults.Problem($"Hub {Echo.Of(hub)} is not one of yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        var day = date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var ranking = await RankAsync(db, hub.ToUpperInvariant(), day, Math.Clamp(top ?? 50, 1, 1000), cancellationToken);
        LogViews(db, clock, user, ranking);
        return TypedResults.Ok(ranking);
    }

    /// <summary>A hub's highest scores for arrivals on a day, best first.</summary>
    public static async Task<IReadOnlyList<ScoreView>> RankAsync(PortcullisDb db, string hub, DateOnly day, int top, CancellationToken cancellationToken)
    {
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(1);
        var arriving = db.Consignments.Where(c => c.HubCode == hub && c.ArrivedAt >= from && c.ArrivedAt < to).Select(c => c.Id);
        var scores = db.RiskScores.Where(s => arriving.Contains(s.ConsignmentId)).OrderByDescending(s => s.Score).Take(top);
        return [.. (await QueryAsync(db, scores, cancellationToken)).OrderByDescending(v => v.Score)];
    }

    /// <summary>The scores of a query as the API shows them (consignment reference and arrival, readable reasons); the worklists read through here too.</summary>
    public static async Task<List<ScoreView>> QueryAsync(PortcullisDb db, IQueryable<RiskScore> scores, CancellationToken cancellationToken) =>
        (await scores.AsNoTracking()
            .Join(db.Consignments, s => s.ConsignmentId, c => c.Id, (s, c) => new { s, c.Reference, c.ArrivedAt })
            .ToListAsync(cancellationToken))
        .Select(x => new ScoreView(x.s.ConsignmentId, x.Reference, x.s.HubCode, x.ArrivedAt, x.s.Score, x.s.RuleScore, x.s.ModelProbability, x.s.ModelVersion,
            Assessment.BasisOf(x.s.ModelVersion, x.s.Profiles), x.s.Profiles, ReadableReasons.Views(x.s.Reasons), x.s.ScoredAt))
        .ToList();
}
