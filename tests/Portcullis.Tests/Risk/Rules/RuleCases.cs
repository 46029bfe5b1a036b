using Portcullis.Risk;
using Portcullis.Risk.Rules;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>A hand-built banana reefer from Guayaquil via Panama, and a one-rule profile around any condition.</summary>
internal static class RuleCases
{
    public static RiskCase Reefer { get; } = new()
    {
        Id = "C-1",
        Date = new DateTime(2026, 4, 14, 0, 0, 0, DateTimeKind.Utc),
        Hub = "RTM",
        Kind = "SeaContainer",
        OriginCountry = "EC",
        PlaceOfReceipt = "ECMEC",
        PortOfLoading = "ECGYE",
        Transshipments = ["PAONX", "PAMIT"],
        PortOfDischarge = "NLRTM",
        HsCode = "080390",
        HsCodes = ["080390", "081090"],
        Description = "Fresh bananas | Plantains, green",
        GrossKg = 21_500,
        ValueEur = 8_600,
        Packages = 1_080,
        Reefer = true,
        BookingToDepartureHours = 30.25,
        Parties = new Dictionary<string, RiskParty>
        {
            ["consignor"] = new("EC-991", "Frutas del Pacifico SA", "EC", "NONE", null, false),
            ["consignee"] = new("NL-123", "Nieuwe Fruithandel BV", "NL", "AEOC", null, false),
            ["forwarder"] = new("NL-777", "Snel Logistiek BV", "NL", "", null, true),
        },
        SealChanged = false,
        RouteChangedAfterLoading = true,
        Categorical = new Dictionary<string, string> { ["procedure"] = "4000" },
        Numeric = new Dictionary<string, double> { ["total_taxes"] = 12.5 },
    };

    public static CaseFacts Facts { get; } = new()
    {
        ValuePerKgRatio = 0.42,
        PartyAgeDays = new Dictionary<string, double> { ["consignee"] = 12, ["consignor"] = 400 },
        OriginCommodityCount = 0,
    };

    /// <summary>A case that knows nothing beyond its id and date.</summary>
    public static RiskCase Empty { get; } = new() { Id = "C-0", Date = new DateTime(2026, 4, 14, 0, 0, 0, DateTimeKind.Utc) };

    /// <summary>A profile with one rule 'r' (weight 0.5) whose condition is <paramref name="condition"/> (YAML, any number of lines).</summary>
    public static string Profile(string condition, string reason = "fired") =>
        "name: test\nrules:\n  - id: r\n    weight: 0.5\n    reason: \"" + reason + "\"\n    when:\n"
        + string.Join("\n", condition.Split('\n').Select(line => "      " + line)) + "\n";

    public static bool Fires(string condition, RiskCase? c = null, CaseFacts? facts = null) =>
        RuleEngine.Compile(RuleProfileParser.Parse(Profile(condition))).Evaluate(c ?? Reefer, facts ?? Facts).Hits.Count == 1;

    public static string Reason(string reason, RiskCase? c = null, CaseFacts? facts = null) =>
        RuleEngine.Compile(RuleProfileParser.Parse(Profile("not: { hub: NO-SUCH-HUB }", reason))).Evaluate(c ?? Reefer, facts ?? Facts).Hits.Single().Reason;

    /// <summary>The repository root, found by walking up from the test binaries to Portcullis.slnx.</summary>
    public static string RepoRoot()
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
