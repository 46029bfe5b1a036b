using System.Diagnostics;
using System.Globalization;
using Portcullis.Parties.Sanctions;
using Portcullis.Parties.Sanctions.Evaluation;

namespace Portcullis.Bench;

/// <summary>
/// `sanctions-eval`: precision and recall of the exact-name baseline, Jaro–Winkler alone and the matcher on the
/// labelled set built from the OFAC SDN excerpt (tests/…/Samples), in one run, for one or more seeds.
/// `sanctions-screen`: N synthetic parties against M synthetic entries on all cores (Parallel.For), and the
/// latency of one party alone (median and 99th percentile over 2,000 single calls).
/// </summary>
public static class SanctionsBench
{
    private const string Samples = "tests/Portcullis.Tests/Parties/Sanctions/Samples/";

    public static int Evaluate(string[] args)
    {
        var seeds = args.Length >= 2 && args[0] == "--seeds" ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [18];
        var entries = SdnCsv.Load(Samples + "sdn-excerpt.csv", Samples + "sdn-alt-excerpt.csv");
        var exact = new ExactNameScreener(entries);
        var jw = new JaroWinklerScreener(entries);
        var matcher = new SanctionsMatcher(entries);
        foreach (var seed in seeds)
        {
            var queries = new VariantGenerator(seed).Build(entries);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sanctions-eval seed {seed}: {entries.Count:N0} SDN entries, {queries.Count:N0} queries ({queries.Count(q => q.TargetEntryId is not null):N0} positive, {queries.Count(q => q.TargetEntryId is null):N0} negative)"));
            foreach (var (name, screener, threshold) in new (string, ISanctionsScreener, double)[]
                     {
                         ("exact normalised name", exact, 1.0), ("Jaro-Winkler alone", jw, SanctionsMatcher.DefaultThreshold), ("SanctionsMatcher", matcher, SanctionsMatcher.DefaultThreshold),
                     })
            {
                var evaluation = ScreeningEvaluation.Run(screener, queries);
                var at = evaluation.At(threshold);
                var best = evaluation.BestRecallAt(0.95);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-22} at {threshold:0.00}: precision {at.Precision:0.000} recall {at.Recall:0.000} (TP {at.TruePositives}, FP {at.FalsePositives}); best recall at precision >= 0.95: {best.Recall:0.000} (threshold {best.Threshold:0.00}, precision {best.Precision:0.000})"));
                if (screener == matcher)
                {
                    foreach (var group in queries.Select((q, i) => (q, o: evaluation.Outcomes[i])).GroupBy(x => x.q.Variant))
                    {
                        var positive = group.First().q.TargetEntryId is not null;
                        var count = positive ? group.Count(x => x.o.TopIsTarget && x.o.TopScore >= threshold) : group.Count(x => x.o.TopScore >= threshold);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {group.Key,-32} {group.Count(),5} queries, {(positive ? "found" : "false hits")} {count}"));
                    }
                }
            }
        }

        return 0;
    }

    public static int Screen(string[] args)
    {
        var parties = Option(args, "--parties", 1_000_000);
        var entriesCount = Option(args, "--entries", 50_000);
        var synthetic = new SyntheticSanctions(7);
        var watch = Stopwatch.StartNew();
        var entries = synthetic.Entries(entriesCount);
        var batch = synthetic.Parties(parties, entries);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sanctions-screen: generated {entries.Count:N0} entries ({entries.Sum(e => e.Aliases.Count + 1):N0} names) and {batch.Length:N0} parties in {watch.Elapsed.TotalSeconds:F1} s"));
        watch.Restart();
        var matcher = new SanctionsMatcher(entries);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  index built in {watch.Elapsed.TotalSeconds:F2} s"));

        // One party at a time: latency.
        var single = new List<double>();
        for (var i = 0; i < 2_500; i++)
        {
            var start = Stopwatch.GetTimestamp();
            matcher.Screen(batch[i], SanctionsMatcher.DefaultThreshold);
            if (i >= 500)
            {
                single.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        single.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one party: median {single[single.Count / 2]:F3} ms, p99 {single[(int)(single.Count * 0.99)]:F3} ms, max {single[^1]:F3} ms"));

        var hits = 0L;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        watch.Restart();
        Parallel.For(0, batch.Length, () => 0L, (i, _, local) => local + matcher.Screen(batch[i], SanctionsMatcher.DefaultThreshold).Count, local => Interlocked.Add(ref hits, local));
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        // CPU time as well as wall time: on a shared machine the wall time also measures the neighbours.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {batch.Length:N0} parties on {Environment.ProcessorCount} cores: {seconds:F1} s wall = {batch.Length / seconds:N0} parties/s; {cpu:F1} CPU-s = {cpu * 1e6 / batch.Length:F0} CPU-µs per party; {hits:N0} hits at {SanctionsMatcher.DefaultThreshold:0.00}; GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F1} s; load average {LoadAverage()}"));
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
