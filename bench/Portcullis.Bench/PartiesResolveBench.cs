using System.Diagnostics;
using System.Globalization;
using Portcullis.Parties.Resolution;
using Portcullis.Simulator;

namespace Portcullis.Bench;

/// <summary>
/// Entity resolution: quality on the simulator's party ground truth (`parties-resolve-quality`) and
/// end-to-end speed on N seeded synthetic records with noisy duplicates (`parties-resolve`).
/// </summary>
public static class PartiesResolveBench
{
    private static readonly string[] Syllables = ["bra", "ke", "lo", "van", "dri", "mo", "sta", "rin", "tek", "por", "ul", "ze", "ga", "fen", "hol", "ma", "ti", "sor", "nex", "qui", "del", "ar", "bo", "cy"];
    private static readonly string[] Sectors = ["Trading", "Logistics", "Foods", "Import", "Handel", "Fruit", "Global", "Shipping"];
    private static readonly string[] Forms = ["B.V.", "BV", "GmbH", "S.A.", "Ltd", "LLC"];

    public static int Quality(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seed = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 11;
        var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 28;
        var scale = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.2;
        var run = new TrafficSimulator(new SimulationOptions(seed, scale, new DateOnly(2025, 3, 3), days)).Run().ToList();
        var keys = run.SelectMany(d => d.PartyTruth).ToDictionary(t => t.PartyId, t => t.EntityKey);
        var parties = run.SelectMany(d => d.NewParties).ToList();
        var inputs = parties.Select(p => new PartyInput(p.Id, p.Name, p.CountryCode, p.Eori, p.Street, p.City, p.Postcode, p.Phone, p.Email)).ToList();
        var truth = parties.Select(p => keys.TryGetValue(p.Id, out var key) ? key : "party:" + p.Id.ToString("N")).ToList();
        foreach (var threshold in new[] { 12.0, 16, 20, 24 })
        {
            var resolution = new EntityResolver(new ResolutionOptions { LinkThreshold = threshold }).Resolve(inputs);
            var q = ResolutionQuality.Measure(truth, resolution.EntityOf);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}, {days} days at scale {scale}: {inputs.Count} parties, {q.TruePairs} true pairs; threshold {threshold}: precision {q.Precision:0.000}, recall {q.Recall:0.000}, purity {q.Purity:0.000}, {q.PredictedClusters} multi-record entities, {resolution.ComparedPairs} pairs compared"));
        }

        return 0;
    }

    public static int Speed(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var random = new Random(5);
        var records = new List<PartyInput>(count);
        while (records.Count < count)
        {
            // About 30 % of companies come as two to four records with the noise partners' data has.
            var name = $"{Word(random)} {Sectors[random.Next(Sectors.Length)]} {Forms[random.Next(Forms.Length)]}";
            var street = $"{Word(random)}straat {random.Next(1, 400)}";
            var postcode = $"{random.Next(1000, 9999)} {(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
            var phone = $"10{random.Next(1_000_000, 9_999_999)}";
            var email = $"info@{name.Split(' ')[0].ToLowerInvariant()}{random.Next(100)}.nl";
            var copies = random.NextDouble() < 0.3 ? random.Next(2, 5) : 1;
            for (var c = 0; c < copies && records.Count < count; c++)
            {
                records.Add(new PartyInput(
                    Guid.NewGuid(),
                    c == 0 ? name : name.ToUpperInvariant().Replace(".", "", StringComparison.Ordinal),
                    "NL",
                    random.NextDouble() < 0.5 ? "NL" + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) : null,
                    c == 0 ? street : street.Replace("straat", " str.", StringComparison.Ordinal),
                    "Rotterdam",
                    c == 0 ? postcode : postcode.Replace(" ", "", StringComparison.Ordinal),
                    (c % 3) switch { 0 => "+31 " + phone, 1 => "0031" + phone, _ => "0" + phone },
                    random.NextDouble() < 0.7 ? email : null));
            }
        }

        var clock = Stopwatch.StartNew();
        var resolution = new EntityResolver(new ResolutionOptions()).Resolve(records);
        clock.Stop();
        var entities = resolution.EntityOf.Distinct().Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} party records resolved in {clock.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores: {resolution.ComparedPairs:N0} pairs compared, {resolution.Links.Count:N0} links, {entities:N0} entities, {resolution.SkippedBlocks} blocks over the cap, EM {resolution.Model.Iterations} iterations, peak working set {Environment.WorkingSet / (1024 * 1024)} MB"));
        return 0;
    }

    private static string Word(Random random)
    {
        var parts = random.Next(2, 5);
        var text = string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
