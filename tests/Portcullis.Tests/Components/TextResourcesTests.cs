using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Portcullis.Components;
using Portcullis.Tests.Risk.Rules;

namespace Portcullis.Tests.Components;

/// <summary>The UI's two resource files (Components/Text.resx and Text.nl.resx) stay complete and consistent.</summary>
public sealed partial class TextResourcesTests
{
    /// <summary>
    /// Words a Dutch customs officer uses as they are; any other Dutch value equal to its English one is a
    /// string somebody forgot to translate.
    /// </summary>
    public static readonly HashSet<string> Loanwords = new(StringComparer.Ordinal)
    {
        "API (OpenAPI)", "Code", "Container", "Containers", "Geofences", "Hub", "Scan", "Scan {0}", "Scanner", "Scans", "ALARM", "Accounts", "E-mail", "Hubs", "Overlay", "Score", "account", "model {0},", "model v{0}", "{0:0.###} × {1:0.###} mm per pixel", "alarm", "auditor", "depot", "gate-out", "open", "terminal", "token", "agent", "container", "Monitoring", "PSI", "Week", "Gate-in", "Gate-out", "Alarm: {0} ({1}, {2})", "{0}: {1:0.00}",
        // Reason phrases that are only placeholders and codes (docs/ARCHITECTURE.md, "Languages and local time").
        "{0} {1}", "{0} {1:#,0.##}", "{0} × {1}", "HS {0}", "{0}; {1}",
        // Substances whose Dutch name is the English one.
        "cannabis", "MDMA",
        // A selection's reason code: the same word in Dutch.
        "Alarm",
        // What an audit entry is about, the same word in Dutch (a risk model, a geofence).
        "model", "geofence",
    };

    public static IReadOnlyDictionary<string, string> English { get; } = Load(CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<string, string> Dutch { get; } = Load(Languages.Dutch.Text);

    [Fact]
    public void Every_English_key_has_a_Dutch_translation_and_every_Dutch_key_an_English_one()
    {
        Assert.NotEmpty(English);
        Assert.Empty(English.Keys.Except(Dutch.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(Dutch.Keys.Except(English.Keys).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_Dutch_value_is_empty_or_left_in_English_unless_it_is_a_loanword()
    {
        var untranslated = Dutch.Where(d => d.Value.Trim().Length == 0 || (English[d.Key] == d.Value && !Loanwords.Contains(d.Value)))
            .Select(d => $"{d.Key}: {d.Value}").Order(StringComparer.Ordinal);

        Assert.Empty(untranslated);
    }

    [Fact]
    public void Both_languages_use_the_same_placeholders()
    {
        var differing = English.Where(e => !Placeholders(e.Value).SetEquals(Placeholders(Dutch[e.Key])))
            .Select(e => e.Key).Order(StringComparer.Ordinal);

        Assert.Empty(differing);
    }

    /// <summary>Every phrase catalogue with the key prefix it owns in the resources.</summary>
    public static readonly TheoryData<string> Catalogues = ["Why.", "AlarmWhy.", "ScanWhy.", "SanctionsWhy.", "LinkWhy.", "EvidenceWhy.", "NetworkWhy.", "GoodsWhy.", "SelectionWhy.", "PlanWhy.", "WhoKnewWhy."];

    public static IReadOnlyDictionary<string, string> Catalogue(string prefix) => prefix switch
    {
        "Why." => Portcullis.Risk.ReasonPhrases.English,
        "AlarmWhy." => Portcullis.Integrity.Alarms.AlarmPhrases.Catalogue.English,
        "ScanWhy." => Portcullis.Imaging.Analysis.ScanPhrases.Catalogue.English,
        "SanctionsWhy." => Portcullis.Parties.Sanctions.SanctionsPhrases.Catalogue.English,
        "LinkWhy." => Portcullis.Parties.Resolution.LinkPhrases.Catalogue.English,
        "EvidenceWhy." => Portcullis.Risk.EvidencePhrases.Catalogue.English,
        "NetworkWhy." => Portcullis.Parties.Networks.NetworkPhrases.Catalogue.English,
        "GoodsWhy." => Portcullis.Parties.Sanctions.Goods.GoodsPhrases.Catalogue.English,
        "SelectionWhy." => Portcullis.Selection.SelectionPhrases.Catalogue.English,
        "PlanWhy." => Portcullis.Selection.PlanPhrases.Catalogue.English,
        "WhoKnewWhy." => Portcullis.Access.WhoKnew.Catalogue.English,
        _ => throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "no such catalogue"),
    };

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void A_phrase_catalogues_English_formats_are_the_resources_English_texts(string prefix)
    {
        // Each library writes the API's English from its own catalogue; a page in English must read the same.
        var catalogue = Catalogue(prefix);
        var differing = catalogue
            .Where(p => !English.TryGetValue(p.Key, out var text) || text != p.Value)
            .Select(p => $"{p.Key}: '{p.Value}' in the catalogue, '{English.GetValueOrDefault(p.Key)}' in Text.resx");
        var unknown = English.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !catalogue.ContainsKey(k));
        var foreign = catalogue.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal));

        Assert.NotEmpty(catalogue);
        Assert.Empty(differing.Concat(unknown).Concat(foreign).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_key_a_page_names_exists()
    {
        // Pages write T["Some.Key"]; a typo would show the key itself on the page in both languages.
        var source = Path.Combine(RuleCases.RepoRoot(), "src", "Portcullis");
        var missing = Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => KeyUse().Matches(File.ReadAllText(file)).Select(m => (file: Path.GetFileName(file), key: m.Groups[1].Value)))
            .Where(use => !English.ContainsKey(use.key))
            .Select(use => $"{use.file}: {use.key}").Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Matches(KeyUse(), "@T[\"Nav.Scans\"]");
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_value_a_page_names_by_its_code_has_a_key()
    {
        // Pages build these keys from codes (T["AlarmKind." + kind]); a new enum member needs its two translations.
        string[] keys =
        [
            .. Enum.GetNames<Portcullis.Integrity.Alarms.AlarmKind>().Select(k => "AlarmKind." + k),
            .. Enum.GetNames<Portcullis.Integrity.Alarms.AlarmSeverity>().Select(k => "AlarmSeverity." + k.ToLowerInvariant()),
            .. Enum.GetNames<Portcullis.Integrity.AlarmStatus>().Select(k => "AlarmStatus." + k.ToLowerInvariant()),
            .. Enum.GetNames<Portcullis.Domain.Hubs.HubKind>().Select(k => "HubKind." + k),
            .. Portcullis.Domain.Hubs.HubCatalogue.Codes.Select(c => "Hub." + c),
            .. Portcullis.Access.Roles.All.Select(r => "Role." + r),
            .. new[] { "could-see", "saw", "acted" }.Select(k => "WhoKnewKind." + k),
            .. Portcullis.Audit.AuditWording.SubjectKeys,
            .. Enum.GetValues<Portcullis.Inspection.InspectionStep>().Select(s => "AuditAction." + Portcullis.Inspection.InspectionSteps.AuditAction(s)),
            .. Enum.GetNames<Portcullis.Selection.SelectionState>().Select(k => "SelectionState." + k),
            .. Enum.GetNames<Portcullis.Selection.SelectionReason>().Select(k => "SelectionReason." + k),
            .. Portcullis.Selection.Shifts.Names.Select(k => "Shift." + k),
            .. new[] { "inspector", "targeting", "supervisor", "scans", "audit" }.Select(k => "Work.List." + k),
            .. Enum.GetNames<Portcullis.Domain.Cargo.ConsignmentKind>().Select(k => "ConsignmentKind." + k),
            .. Enum.GetNames<Portcullis.Integrity.Geofences.ZoneKind>().Select(k => "ZoneKind." + k),
            .. Enum.GetNames<Portcullis.Domain.Cargo.Direction>().Select(k => "Direction." + k),
            .. Enum.GetNames<Portcullis.Domain.Cargo.PartyRole>().Select(k => "PartyRole." + k),
            .. Enum.GetNames<Portcullis.Domain.Cargo.Substance>().Select(k => "Substance." + k),
            .. Enum.GetNames<Portcullis.Domain.Cargo.Substance>().Select(k => "NetworkWhy.Substance." + k),
            .. Enum.GetNames<Portcullis.Domain.Cargo.ConcealmentMethod>().Select(k => "Concealment." + k),
            .. Enum.GetValues<Portcullis.Parties.Networks.LinkKind>().Select(k => "Network.Link." + Portcullis.Parties.Networks.NetworkEdge.Word(k).Replace(' ', '-')),
            .. Enum.GetNames<Portcullis.Selection.ScanVerdict>().Select(k => "Verdict." + (k == "NeedsPhysical" ? "needs-physical" : k.ToLowerInvariant())),
        ];

        Assert.Empty(keys.Except(English.Keys));
    }

    [Theory]
    [InlineData("nl-NL,nl;q=0.9,en;q=0.8", "nl")]
    [InlineData("nl-BE", "nl")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("fr-FR,nl;q=0.5,en;q=0.4", "nl")]
    [InlineData("en;q=0.3,nl;q=0.7", "nl")]
    [InlineData("nl;q=0,en", "en")]
    [InlineData("fr-FR,de;q=0.5", null)]
    [InlineData("", null)]
    public void The_browser_language_picks_Dutch_or_English(string acceptLanguage, string? expected)
    {
        var result = Languages.FromAcceptLanguage(acceptLanguage);

        Assert.Equal(expected, result?.Code);
    }

    [Fact]
    public void Dutch_and_English_format_dates_and_numbers_their_own_way()
    {
        var sunday = new DateTime(2026, 12, 6, 19, 5, 0, DateTimeKind.Unspecified);

        Assert.Equal("zondag 6 december 2026", sunday.ToString("dddd d MMMM yyyy", Languages.Dutch.Format));
        Assert.Equal("6 mrt 2026 19:05", sunday.AddMonths(-9).ToString("d MMM yyyy HH:mm", Languages.Dutch.Format));
        Assert.Equal("1.234.567,5", 1_234_567.5.ToString("N1", Languages.Dutch.Format));
        Assert.Equal("Sunday 6 December 2026", sunday.ToString("dddd d MMMM yyyy", Languages.English.Format));
        Assert.Equal("1,234,567.5", 1_234_567.5.ToString("N1", Languages.English.Format));
        Assert.Equal(("nl-NL", "nl", "en-GB", "en"), (Languages.Dutch.Format.Name, Languages.Dutch.Text.Name, Languages.English.Format.Name, Languages.English.Text.Name));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/scans?hub=RTM", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("scans", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_switch_returns_only_to_a_path_on_this_site(string? redirect, bool local) =>
        Assert.Equal(local, Languages.IsLocalPath(redirect));

    [Theory]
    // Winter: CET, UTC+1.
    [InlineData("2026-01-15T12:00:00", "2026-01-15 13:00")]
    // Summer: CEST, UTC+2.
    [InlineData("2026-07-15T12:00:00", "2026-07-15 14:00")]
    // Spring forward on the last Sunday of March at 01:00 UTC: 01:59 CET, then 03:00 CEST.
    [InlineData("2026-03-29T00:59:00", "2026-03-29 01:59")]
    [InlineData("2026-03-29T01:00:00", "2026-03-29 03:00")]
    // Fall back on the last Sunday of October at 01:00 UTC: 02:59 CEST, then 02:00 CET.
    [InlineData("2026-10-25T00:59:00", "2026-10-25 02:59")]
    [InlineData("2026-10-25T01:00:00", "2026-10-25 02:00")]
    public void Times_are_shown_in_Amsterdam_local_time(string utc, string local)
    {
        var instant = DateTime.SpecifyKind(DateTime.Parse(utc, CultureInfo.InvariantCulture), DateTimeKind.Utc);

        Assert.Equal(local, AmsterdamTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(utc[..10] + " " + utc[11..16] + " UTC", AmsterdamTime.FormatUtc(instant));
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static Dictionary<string, string> Load(CultureInfo culture)
    {
        // Only this culture's own file, without falling back: a key missing in Dutch must not borrow the English value.
        var set = new ResourceManager(typeof(Text)).GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bT\[""([^""]+)""\s*[\],]")]
    private static partial Regex KeyUse();
}
