using System.Diagnostics;
using System.Globalization;
using Portcullis.Risk;
using Portcullis.Risk.Rules;

namespace Portcullis.Bench;

/// <summary>
/// Cases per second through the example rule profile (docs/rules/example-profile.yaml). Cases are
/// generated in batches outside the timed part, so the figure is evaluation only (reasons included).
/// </summary>
public static class RulesEval
{
    private const int Batch = 100_000;

    private static readonly string[] Origins = ["EC", "CO", "CR", "PA", "PE", "BR", "NZ", "ZA", "US", "CN", "CL", "MA"];
    private static readonly string[] Loading = ["ECGYE", "ECPSJ", "COBUN", "COCTG", "CRMOB", "BRSSZ", "NZTRG", "ZADUR", "USSAV", "CNSHA", "CLSAI", "MAPTM"];
    private static readonly string[] Hubs = ["PAONX", "PABLB", "PAMIT", "ESALG", "MAPTM", "SGSIN", "USNYC", "DEHAM"];
    private static readonly string[] Hs = ["080390", "080430", "080450", "081050", "200899", "690721", "440210", "847130", "610910", "220421"];
    private static readonly string[] Descriptions =
    [
        "Fresh bananas", "Pineapples, fresh", "Plantains green | Bananas", "Ceramic tiles, glazed", "Frozen fruit pulp", "Kiwifruit",
        "Charcoal briquettes", "Laptops", "T-shirts, cotton", "Red wine in bottles",
    ];

    private static readonly string[] Aeo = ["", "NONE", "AEOC", "AEOS", "AEOF"];

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var total = args.Length >= 2 && args[0] == "--cases" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var path = Path.Combine(RepoRoot(), "docs", "rules", "example-profile.yaml");
        var compiled = RuleEngine.Compile(RuleProfileParser.Parse(File.ReadAllText(path)));
        var rng = new Random(20260414);

        // Warm-up: JIT every delegate and reason path before timing.
        Evaluate(compiled, Generate(rng, 10_000), out _, out _);
        var elapsed = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        long hits = 0;
        double scores = 0;
        for (var done = 0; done < total; done += Batch)
        {
            var batch = Generate(rng, Math.Min(Batch, total - done));
            // Promote the fresh batch out of gen0 now, or the first collection in the timed part copies it.
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            Evaluate(compiled, batch, out var batchHits, out var batchScore);
            elapsed += watch.Elapsed;
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            (hits, scores) = (hits + batchHits, scores + batchScore);
        }

        Console.WriteLine($"rules-eval: {compiled.Profile.Rules.Count} rules, {total:N0} cases in {elapsed.TotalSeconds:F2} s = {total / elapsed.TotalSeconds:N0} cases/s");
        // On a shared machine wall time includes waiting for a core; CPU time shows what evaluation itself costs.
        Console.WriteLine($"  {total / cpu.TotalSeconds:N0} cases per CPU-second; {hits / (double)total:F2} hits per case, mean score {scores / total:F3}");
        return 0;
    }

    private static void Evaluate(CompiledProfile profile, (RiskCase Case, CaseFacts Facts)[] cases, out long hits, out double scores)
    {
        (hits, scores) = (0, 0);
        foreach (var (c, facts) in cases)
        {
            var result = profile.Evaluate(c, facts);
            hits += result.Hits.Count;
            scores += result.Score;
        }
    }

    private static (RiskCase, CaseFacts)[] Generate(Random rng, int count)
    {
        var cases = new (RiskCase, CaseFacts)[count];
        for (var i = 0; i < count; i++)
        {
            var origin = rng.Next(Origins.Length);
            var hs = Hs[rng.Next(Hs.Length)];
            var gross = rng.Next(0, 20) == 0 ? 0 : 5_000 + rng.NextDouble() * 25_000;
            var parties = new Dictionary<string, RiskParty>
            {
                ["consignor"] = new($"X{rng.Next(5_000)}", Country: Origins[origin], Aeo: Aeo[rng.Next(Aeo.Length)]),
                ["consignee"] = new($"NL{rng.Next(20_000)}", Country: "NL", Aeo: Aeo[rng.Next(Aeo.Length)], WatchListed: rng.Next(100) == 0),
            };
            if (rng.Next(2) == 0)
            {
                parties["forwarder"] = new($"F{rng.Next(500)}", Country: "NL", WatchListed: rng.Next(50) == 0);
            }

            var c = new RiskCase
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                Date = new DateTime(2026, 4, 14, 0, 0, 0, DateTimeKind.Utc),
                Hub = "RTM",
                Kind = "SeaContainer",
                OriginCountry = Origins[origin],
                PortOfLoading = Loading[origin],
                Transshipments = rng.Next(3) switch { 0 => [], 1 => [Hubs[rng.Next(Hubs.Length)]], _ => [Hubs[rng.Next(Hubs.Length)], Hubs[rng.Next(Hubs.Length)]] },
                PortOfDischarge = "NLRTM",
                HsCode = hs,
                HsCodes = [hs],
                Description = Descriptions[rng.Next(Descriptions.Length)],
                GrossKg = gross,
                ValueEur = gross * (0.2 + rng.NextDouble() * 3),
                Packages = rng.Next(1, 2_000),
                Reefer = hs.StartsWith("08", StringComparison.Ordinal),
                BookingToDepartureHours = rng.Next(4) == 0 ? null : rng.Next(6, 600),
                Parties = parties,
                SealChanged = rng.Next(200) == 0,
                RouteChangedAfterLoading = rng.Next(100) == 0,
                Categorical = new Dictionary<string, string> { ["procedure"] = rng.Next(2) == 0 ? "4000" : "4071" },
                Numeric = new Dictionary<string, double> { ["total_taxes"] = rng.NextDouble() * 5_000 },
            };
            var facts = new CaseFacts
            {
                ValuePerKgRatio = rng.Next(5) == 0 ? null : 0.2 + rng.NextDouble() * 2,
                PartyAgeDays = new Dictionary<string, double> { ["consignee"] = rng.Next(0, 3_000), ["consignor"] = rng.Next(0, 3_000) },
                OriginCommodityCount = rng.Next(0, 500),
            };
            cases[i] = (c, facts);
        }

        return cases;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portcullis.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Portcullis.slnx not found above " + AppContext.BaseDirectory);
    }
}
