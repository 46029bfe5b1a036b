using System.Diagnostics;
using System.Globalization;
using Portcullis.Parties.Networks;
using Portcullis.Simulator;
using Portcullis.Tests.Parties.Networks;

namespace Portcullis.Bench;

/// <summary>
/// network-eval [seeds, comma-separated] [days] [scale] [--all-links] [--cases] [--learn-test]: precision at 5 % of the risk model
/// with and without the network features on the simulator's later days (the evaluation in tests/, linked
/// here), pooled over the seeds with a paired bootstrap over the test cases, and each network
/// column's spread in hits and non-hits. --all-links also evaluates the first definition (every kind of
/// link, containers and forwarders included). --cases prints every test hit with its rank under each model,
/// each simulated organisation's shared contact values and a summary per kind of case; --learn-test lets the
/// test days' outcomes into the network and the model's history as they become known (as in operation).
/// Precision at 1 % and 2 % is printed too. Exits 1 when the contact features show no gain beyond noise
/// (the bootstrap's 2.5 % quantile of the difference not above zero).
/// </summary>
public static class NetworkBench
{
    public static int Evaluate(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var seeds = positional.Length > 0 ? positional[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [11];
        var days = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 28;
        var scale = positional.Length > 2 ? double.Parse(positional[2], CultureInfo.InvariantCulture) : 0.2;
        var definitions = new Dictionary<string, NetworkOptions>(StringComparer.Ordinal) { ["contacts"] = new NetworkOptions() };
        if (args.Contains("--all-links"))
        {
            definitions["all links"] = NetworkEvaluation.AllLinks;
        }

        var clock = Stopwatch.StartNew();
        var runs = new List<NetworkEvaluation.Scores>();
        foreach (var seed in seeds)
        {
            List<SimulatedDay> run = new TrafficSimulator(new SimulationOptions(seed, scale, new DateOnly(2025, 3, 3), days)).Run().ToList();
            var r = NetworkEvaluation.Run(run, labelSeed: 3, testShare: 0.3, CancellationToken.None, definitions, args.Contains("--learn-test"));
            runs.Add(r.Scores);
            Line($"seed {seed}, {days} days at scale {scale}: test from {r.Without.TestFrom:yyyy-MM-dd}, {r.Without.TestCases} labelled test cases, {r.Without.TestHits} hits (random precision {r.Without.RandomPrecision:0.0000}); {r.TrainingHits} training hits");
            Line($"  without network features: precision@5% {NetworkEvaluation.At5(r.Without):0.0000}, AUC {r.Without.Model.Auc:0.000}");
            foreach (var (name, report) in r.With)
            {
                Line($"  with network features ({name}): precision@5% {NetworkEvaluation.At5(report):0.0000}, AUC {report.Model.Auc:0.000}");
            }

            foreach (var d in r.Diagnostics)
            {
                Line($"  [{d.Definition}] {d.Column}: mean hits {d.HitMean:0.000} / others {d.OtherMean:0.000}; says something for {d.HitShare:P1} of hits / {d.OtherShare:P1} of others; AUC alone {d.Auc:0.000}; value: hits/others {d.Spread}");
            }

            if (args.Contains("--cases"))
            {
                Cases(run, r);
            }

            Line($"  network {r.NetworkTime.TotalSeconds:0.0} s, models {r.ModelTime.TotalSeconds:0.0} s");
        }

        var totalHits = runs.Sum(r => r.Hits.Count(h => h));
        Line($"pooled over {seeds.Length} seed(s): {runs.Sum(r => r.Hits.Count)} labelled test cases, {totalHits} hits; paired bootstrap, 2000 resamples of the test cases");
        Line($"  without: precision@5% {NetworkEvaluation.PooledPrecision(runs, "without", 5):0.0000}");
        var gain = true;
        foreach (var name in definitions.Keys)
        {
            var b = NetworkEvaluation.Bootstrap(runs, "with " + name, "without", 5, 2000, seed: 1);
            Line($"  with ({name}): precision@5% {NetworkEvaluation.PooledPrecision(runs, "with " + name, 5):0.0000} (95% {b.Lo:0.0000}–{b.Hi:0.0000}); difference 95% {b.DiffLo:+0.0000;-0.0000}–{b.DiffHi:+0.0000;-0.0000}, above zero in {b.ShareAbove:P1} of resamples");
            if (name == "contacts")
            {
                gain = b.DiffLo > 0;
            }

            foreach (var percent in new[] { 1.0, 2.0 })
            {
                var t = NetworkEvaluation.Bootstrap(runs, "with " + name, "without", percent, 2000, seed: 1);
                Line($"  at {percent}%: without {NetworkEvaluation.PooledPrecision(runs, "without", percent):0.0000}, with ({name}) {NetworkEvaluation.PooledPrecision(runs, "with " + name, percent):0.0000}; difference 95% {t.DiffLo:+0.0000;-0.0000}–{t.DiffHi:+0.0000;-0.0000}, above zero in {t.ShareAbove:P1} of resamples");
            }
        }

        Line($"{clock.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; gain beyond noise: {(gain ? "yes" : "no")}");
        return gain ? 0 : 1;
    }

    /// <summary>
    /// Every test hit, and a summary per kind of consignee: the pattern, whether the consignee is a front
    /// (the simulator's party truth), its age, the network columns, and where each model ranks it (the
    /// share of test cases ranked above it; the top 5 % is what gets inspected).
    /// </summary>
    private static void Cases(List<SimulatedDay> run, NetworkEvaluation.Result r)
    {
        var truth = run.SelectMany(d => d.GroundTruth).ToDictionary(g => g.ConsignmentId);
        var organisation = run.SelectMany(d => d.PartyTruth).Where(t => t.Organisation is not null).ToDictionary(t => t.PartyId, t => t.Organisation!);
        var consignee = run.SelectMany(d => d.Consignments).ToDictionary(c => c.Id, c => c.Parties.FirstOrDefault(p => p.Role == Domain.Cargo.PartyRole.Consignee)?.PartyId);
        var tested = r.Tested["contacts"];
        double Rank(string model, int i)
        {
            var s = r.Scores.ByModel[model];
            return s.Count(x => x > s[i]) / (double)s.Length;
        }

        var rows = new List<(bool Hit, string Pattern, bool Front, double Age, double Hops, double Young, double Without, double With, string Kind)>();
        for (var i = 0; i < tested.Count; i++)
        {
            var c = tested[i];
            var id = Guid.Parse(c.Id);
            var front = consignee[id] is { } party && organisation.ContainsKey(party);
            var age = c.Parties.TryGetValue("consignee", out var p) && p.FirstSeen is { } seen ? (c.Date.Date - seen).TotalDays : -1;
            rows.Add((r.Scores.Hits[i], truth.TryGetValue(id, out var g) ? g.Pattern : "", front, age,
                c.Numeric[NetworkFeatures.HopsColumn], c.Numeric[NetworkFeatures.YoungColumn], Rank("without", i), Rank("with contacts", i),
                c.Kind + (CocaineOrigins.Contains(c.OriginCountry[..Math.Min(2, c.OriginCountry.Length)]) ? " from a cocaine origin" : "")));
        }

        // Per organisation: how many fronts, and how many entities share each of its contact values by the
        // test's first day (a value shared by more than MaxSharing links nobody).
        var parties = run.SelectMany(d => d.NewParties).ToDictionary(p => p.Id);
        var testFrom = DateOnly.FromDateTime(tested.Count > 0 ? tested[0].Date : DateTime.MaxValue);
        var sharers = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var p in parties.Values.Where(p => DateOnly.FromDateTime(p.FirstSeen) < testFrom))
        {
            var profile = Parties.Resolution.PartyProfile.Of(new Parties.Resolution.PartyInput(p.Id, p.Name, p.CountryCode, p.Eori, p.Street, p.City, p.Postcode, p.Phone, p.Email));
            foreach (var key in new[] { profile.PhoneE164 is { } ph ? "phone " + ph : null, profile.Postcode is { } pc && profile.HouseNumber is { } hn ? $"address {pc} {hn}" : null, profile.Domain is { } dm ? "domain " + dm : null })
            {
                if (key is not null)
                {
                    (sharers.TryGetValue(key, out var set) ? set : sharers[key] = []).Add(p.Id);
                }
            }
        }

        foreach (var org in organisation.GroupBy(o => o.Value).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var fronts = org.Select(o => o.Key).Where(id => DateOnly.FromDateTime(parties[id].FirstSeen) < testFrom).ToHashSet();
            var values = sharers.Where(kv => kv.Value.Overlaps(fronts) && kv.Value.Count > 1).Select(kv => $"{kv.Key.Split(' ')[0]} {kv.Value.Count(fronts.Contains)}+{kv.Value.Count(v => !fronts.Contains(v))}");
            Line($"    organisation {org.Key}: {org.Count()} fronts, {fronts.Count} before the test; shared values (fronts+others): {string.Join(", ", values)}");
        }

        foreach (var h in rows.Where(x => x.Hit).OrderBy(x => x.Without))
        {
            Line($"    hit {h.Pattern,-22} front {(h.Front ? "yes" : "no "),-3} age {h.Age,5:0} hops {h.Hops} young {h.Young,2}: rank without {h.Without:P1}, with {h.With:P1}");
        }

        foreach (var g in rows.GroupBy(x => (x.Front, Young: x.Age is >= 0 and < 30, x.Kind)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Front).ThenBy(g => g.Key.Young))
        {
            Line($"    {g.Key.Kind}, consignee {(g.Key.Front ? "front" : "honest")}, {(g.Key.Young ? "young (< 30 days)" : "older")}: {g.Count()} cases, {g.Count(x => x.Hit)} hits, {g.Count(x => x.Hops <= 2)} within 2 hops of a hit, {g.Count(x => x.Young > 0)} near a young company; in the top 5 % without {g.Count(x => x.Without < 0.05)}, with {g.Count(x => x.With < 0.05)}");
        }
    }

    private static readonly HashSet<string> CocaineOrigins = new(StringComparer.Ordinal) { "EC", "CO", "PE", "BO", "BR", "PY", "CR", "PA", "UY", "CI", "GH", "NG", "ET" };

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
