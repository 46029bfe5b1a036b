using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Risk.Rules;

namespace Portcullis.Risk;

/// <summary>
/// REST and CLI: the analysts' test bench. Runs a draft profile over the last N days of stored
/// consignments, each with the history as of its day, and shows how many it would have flagged per
/// hub and day and how it would have done on the inspections that were actually made, before anyone
/// activates it. Nothing is stored.
/// </summary>
public static class TestBench
{
    public sealed record TestBenchRequest(string Yaml, int? Days);

    public sealed record DayRow(string Hub, DateOnly Day, int Consignments, int Flagged);

    public sealed record TestBenchReport(string Profile, int Days, int Consignments, int Flagged, int InspectedFlagged, int HitsFlagged, int Inspected, int Hits,
        double? PrecisionOnInspected, double? RecallOfHits, double? BaseHitRate, IReadOnlyList<DayRow> PerHubAndDay, IReadOnlyList<RuleRow> PerRule);

    public sealed record RuleRow(string Rule, int Fired, int InspectedFired, int HitsFired);

    public static async Task<Results<Ok<TestBenchReport>, ProblemHttpResult>> HandleAsync(TestBenchRequest request, RiskEngine engine, CancellationToken cancellationToken)
    {
        var days = request.Days ?? 28;
        if (days is < 1 or > 366)
        {
            return TypedResults.Problem($"days={days} is out of range; test over 1 to 366 days.", statusCode: StatusCodes.Status400BadRequest, title: "Bad range.");
        }

        var read = RuleProfileParser.Read(request.Yaml ?? "");
        if (!read.IsValid)
        {
            var e = read.Issues[0];
            return TypedResults.Problem($"Line {e.Line}, column {e.Column}: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "The rule profile cannot be read.");
        }

        return TypedResults.Ok(await engine.TestBenchAsync(read.Profile, days, cancellationToken));
    }

    /// <summary>Tallies a profile's results over cases (each with its facts as of its day).</summary>
    public static TestBenchReport Tally(RuleProfile profile, int days, IEnumerable<(RiskCase Case, RuleResult Result)> results)
    {
        var rows = new Dictionary<(string, DateOnly), (int Cases, int Flagged)>();
        var perRule = profile.Rules.ToDictionary(r => r.Id, _ => (Fired: 0, Inspected: 0, Hits: 0), StringComparer.Ordinal);
        int cases = 0, flagged = 0, inspectedFlagged = 0, hitsFlagged = 0, inspected = 0, hits = 0;
        foreach (var (c, result) in results)
        {
            var fired = result.Hits.Count > 0;
            var key = (c.Hub, DateOnly.FromDateTime(c.Date));
            var row = rows.GetValueOrDefault(key);
            rows[key] = (row.Cases + 1, row.Flagged + (fired ? 1 : 0));
            cases++;
            flagged += fired ? 1 : 0;
            var wasInspected = c.Label is not null;
            var wasHit = c.Label?.Hit == true;
            inspected += wasInspected ? 1 : 0;
            hits += wasHit ? 1 : 0;
            inspectedFlagged += fired && wasInspected ? 1 : 0;
            hitsFlagged += fired && wasHit ? 1 : 0;
            foreach (var hit in result.Hits)
            {
                var r = perRule[hit.RuleId];
                perRule[hit.RuleId] = (r.Fired + 1, r.Inspected + (wasInspected ? 1 : 0), r.Hits + (wasHit ? 1 : 0));
            }
        }

        return new TestBenchReport(profile.Name, days, cases, flagged, inspectedFlagged, hitsFlagged, inspected, hits,
            inspectedFlagged == 0 ? null : (double)hitsFlagged / inspectedFlagged,
            hits == 0 ? null : (double)hitsFlagged / hits,
            inspected == 0 ? null : (double)hits / inspected,
            [.. rows.OrderBy(r => r.Key.Item1, StringComparer.Ordinal).ThenBy(r => r.Key.Item2).Select(r => new DayRow(r.Key.Item1, r.Key.Item2, r.Value.Cases, r.Value.Flagged))],
            [.. perRule.Select(r => new RuleRow(r.Key, r.Value.Fired, r.Value.Inspected, r.Value.Hits))]);
    }
}

public sealed partial class RiskEngine
{
    public async Task<TestBench.TestBenchReport> TestBenchAsync(RuleProfile profile, int days, CancellationToken cancellationToken)
    {
        var compiled = RuleEngine.Compile(profile);
        var from = clock.GetUtcNow().UtcDateTime.Date.AddDays(-days);
        await using var db = database.CreateContext();
        var cases = await CaseSources.LoadAsync(db, null, cancellationToken);
        var results = ModelRuntime.FactsInOrder(cases, c => c.Date >= from, cancellationToken).Select(x => (x.Case, compiled.Evaluate(x.Case, x.Facts)));
        return TestBench.Tally(profile, days, results);
    }
}
