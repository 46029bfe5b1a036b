using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>
/// REST and CLI: what the closed controls of a period say: the true hit rate from the random
/// control sample (with its 95 % interval), the precision of targeting observed and as estimated
/// from the controls, the lift, and estimated recall; plus counts per reason.
/// </summary>
public static class SelectionReport
{
    public sealed record ReasonLine(string Reason, int Selected, int Closed, int Hits, double SeizedKg);

    public sealed record Report(string Hub, DateOnly From, DateOnly To, int Population, IReadOnlyList<ReasonLine> Reasons, ControlEstimate Estimate, string Reading);

    public static async Task<Results<Ok<Report>, ProblemHttpResult>> GetAsync(string hub, DateOnly from, DateOnly to, PortcullisDb db, HttpContext context, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        if (!user.CanSeeHub(hub))
        {
            return TypedResults.Problem($"Hub {Echo.Of(hub)} is not one of yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        if (to < from || to.DayNumber - from.DayNumber > 366)
        {
            return TypedResults.Problem("Give a period of at most a year with 'from' not after 'to'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid period.");
        }

        return TypedResults.Ok(await BuildAsync(db, options, hub.ToUpperInvariant(), from, to, cancellationToken));
    }

    public static async Task<Report> BuildAsync(PortcullisDb db, SelectionOptions options, string hub, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var selections = await db.Selections.AsNoTracking()
            .Where(s => s.HubCode == hub && s.PlanDate >= from && s.PlanDate <= to && s.State != SelectionState.Released)
            .ToListAsync(cancellationToken);
        var population = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            // Only the count matters here; readiness as at the day's end is as good as any.
            population += (await Candidates.LoadAsync(db, options, hub, day, Shifts.Day(day).To, cancellationToken)).Count;
        }

        var closed = selections.Where(s => s.State == SelectionState.Closed && s.Hit is not null).ToList();
        var outcomes = closed.Select(s => (new Pick(s.Unit, 0, s.Reason, s.ExpectedValue, s.Risk, s.Uncertainty, s.WouldBeTargeted, s.Why), s.Hit!.Value)).ToList();
        var estimate = SelectionEstimates.Estimate(outcomes, population);
        var reasons = Enum.GetValues<SelectionReason>().Select(r => new ReasonLine(r.ToString(),
            selections.Count(s => s.Reason == r), closed.Count(s => s.Reason == r), closed.Count(s => s.Reason == r && s.Hit == true),
            closed.Where(s => s.Reason == r).Sum(s => s.SeizedKg ?? 0))).ToList();
        return new Report(hub, from, to, population, reasons, estimate, Reading(estimate));
    }

    /// <summary>One honest sentence for people who do not read intervals.</summary>
    public static string Reading(ControlEstimate e)
    {
        if (e.HitRate.Trials == 0)
        {
            return "No control sample has been closed in this period, so the true hit rate cannot be estimated yet.";
        }

        var width = e.HitRate.High95 - e.HitRate.Low95;
        var rough = e.HitRate.Hits < 30 ? $" With {e.HitRate.Hits} hits among {e.HitRate.Trials} controls the interval is wide: treat the rate as an order of magnitude." : "";
        return $"Random controls found drugs in {e.HitRate.Estimate:P2} of units (95 % between {e.HitRate.Low95:P2} and {e.HitRate.High95:P2}, width {width:P2}).{rough}";
    }
}
