using Portcullis.Risk.Rules;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>The field catalogue the UI and docs list: complete, described, and usable everywhere.</summary>
public sealed class RuleFieldsTests
{
    private static readonly string[] Required =
    [
        "origin_country", "place_of_receipt", "port_of_loading", "port_of_discharge", "transshipments", "route_ports", "hub", "kind",
        "hs_code", "hs_codes", "description", "gross_kg", "value_eur", "packages", "value_per_kg", "value_per_kg_ratio",
        "booking_to_departure_hours", "reefer", "seal_changed", "route_changed_after_loading", "party_age_days.<role>",
        "party_first_seen_days.<role>", "party_watch_listed.<role>", "party_watch_listed.any", "party_aeo.<role>",
        "party_country.<role>", "origin_commodity_count", "categorical.<name>", "numeric.<name>",
    ];

    private static string Concrete(string name) => name.Replace("<role>", "notify", StringComparison.Ordinal).Replace("<name>", "office", StringComparison.Ordinal);

    [Fact]
    public void Catalogue_lists_every_field_once_with_a_description()
    {
        Assert.Equal(Required.Order(), RuleFields.All.Select(f => f.Name).Order());
        Assert.All(RuleFields.All, f => Assert.True(f.Description.Length > 10, f.Name));
    }

    [Fact]
    public void Find_maps_concrete_names_to_their_entry()
    {
        Assert.Equal("party_age_days.<role>", RuleFields.Find("party_age_days.forwarder")?.Name);
        Assert.Equal(RuleFieldType.Number, RuleFields.Find("numeric.fob_value")?.Type);
        Assert.Equal(RuleFieldType.TextList, RuleFields.Find("transshipments")?.Type);
        Assert.Equal(RuleFieldType.Flag, RuleFields.Find("party_watch_listed.any")?.Type);
        Assert.Null(RuleFields.Find("party_age_days.shipper"));
        Assert.Null(RuleFields.Find("vessel"));
    }

    [Fact]
    public void Every_field_works_in_a_reason_and_a_condition()
    {
        foreach (var field in RuleFields.All)
        {
            var name = Concrete(field.Name);
            var test = field.Type switch
            {
                RuleFieldType.Text => $"{name}: {{ in: [X] }}",
                RuleFieldType.TextList => $"{name}: {{ any_in: [X] }}",
                RuleFieldType.Number => $"{name}: {{ gte: 0 }}",
                _ => $"{name}: true",
            };
            var profile = RuleProfileParser.Parse(RuleCases.Profile(test, $"{{{name}}}"));
            Assert.NotNull(RuleEngine.Compile(profile));
        }
    }
}
