using Portcullis.Parties.Networks;
using Portcullis.Risk;
using Portcullis.Risk.Evaluation;
using Portcullis.Risk.Model;
using Portcullis.Simulator;
using Portcullis.Tests.Risk.Model;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>
/// The risk model with and without the network features on simulated days: a random fifth inspected
/// (<see cref="SimulatorCases"/>), trained on the earlier days, precision at 5 % on the later ones.
/// Shared by the test and the bench command (`network-eval`, linked into the bench), so both report
/// the same figures. Every party is its own entity (no resolution): the contact links have to bridge
/// a front's new name on their own.
/// </summary>
internal static class NetworkEvaluation
{
    public sealed record Result(SplitReport Without, SplitReport With, int CasesWithPath, int HitsWithPath, TimeSpan NetworkTime, TimeSpan ModelTime);

    public static Result Run(IReadOnlyList<SimulatedDay> days, int labelSeed, double testShare, CancellationToken ct)
    {
        var cases = SimulatorCases.From(days, labelSeed);
        var dates = cases.Select(c => c.Date.Date).Distinct().ToList();
        var split = dates[Math.Clamp((int)Math.Round(dates.Count * (1 - testShare)), 1, dates.Count - 1)];
        var consignments = days.SelectMany(d => d.Consignments).ToList();
        var substance = days.SelectMany(d => d.GroundTruth).ToDictionary(g => g.ConsignmentId, g => g.Substance.ToString().ToLowerInvariant());
        var byId = consignments.ToDictionary(c => c.Id);
        var entityOf = new Dictionary<Guid, Guid>();
        // Like the model's history in the backtest, the network learns no outcome of the test days.
        var outcomes = cases
            .Where(c => c.Label is { Hit: true } && c.Date < split)
            .SelectMany(c => EntityNetwork.ReceivingEntities(byId[Guid.Parse(c.Id)], entityOf)
                .Select(e => new NetworkOutcome(e, DateOnly.FromDateTime(c.Label!.KnownAt), substance.GetValueOrDefault(Guid.Parse(c.Id), ""))))
            .ToList();
        var options = new NetworkOptions();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var features = NetworkTimeline.Compute(days.SelectMany(d => d.NewParties), consignments, entityOf, outcomes, [], options, ct);
        var networkTime = clock.Elapsed;
        clock.Restart();
        var withNetwork = cases.Select(c => WithNetwork(c, features[Guid.Parse(c.Id)], options)).ToList();
        // One candidate of the grid (15 leaves, rate 0.1) for both runs: the comparison is about the features, and it keeps the test short.
        var backtest = new BacktestOptions { SplitDay = split, SimulateOperation = false, Training = new TrainingOptions { Grid = [TrainingOptions.DefaultGrid[0]] } };
        var without = Backtest.Run(cases, backtest, ct).Split;
        var with = Backtest.Run(withNetwork, backtest, ct).Split;
        var modelTime = clock.Elapsed;
        var test = withNetwork.Where(c => c.Date >= split && c.Label is not null).ToList();
        var reachable = test.Where(c => c.Numeric[NetworkFeatures.HopsColumn] <= 2).ToList();
        return new Result(without, with, reachable.Count, reachable.Count(c => c.Label!.Hit), networkTime, modelTime);
    }

    public static RiskCase WithNetwork(RiskCase c, NetworkFeatures features, NetworkOptions options)
    {
        var numeric = new Dictionary<string, double>(c.Numeric, StringComparer.Ordinal);
        foreach (var (name, value) in features.Columns(options))
        {
            numeric[name] = value;
        }

        return c with { Numeric = numeric, NumericNotes = features.Notes() };
    }

    public static double At5(SplitReport report) => report.Model.At.Single(a => a.Percent == 5).Precision;
}
