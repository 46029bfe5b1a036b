using Portcullis.Risk;
using static Portcullis.Tests.Risk.Rules.RuleCases;

namespace Portcullis.Tests.Risk.Rules;

/// <summary>Each field family and operator against the hand-built reefer, both ways.</summary>
public sealed class RuleConditionTests
{
    [Theory]
    [InlineData("origin_country: EC", true)]
    [InlineData("origin_country: ec", true)]
    [InlineData("origin_country: CO", false)]
    [InlineData("origin_country: [CO, EC]", true)]
    [InlineData("origin_country: { eq: EC }", true)]
    [InlineData("origin_country: { not_in: [CO, CR] }", true)]
    [InlineData("origin_country: { not_in: [EC] }", false)]
    [InlineData("place_of_receipt: { in: [ECMEC] }", true)]
    [InlineData("port_of_loading: { in: [ECGYE, COBUN, COCTG] }", true)]
    [InlineData("port_of_loading: { in: [COBUN, COCTG] }", false)]
    [InlineData("port_of_loading: { prefix: [CO, EC] }", true)]
    [InlineData("port_of_discharge: { prefix: [BE] }", false)]
    [InlineData("hub: RTM", true)]
    [InlineData("kind: SeaContainer", true)]
    [InlineData("kind: AirCargo", false)]
    [InlineData("hs_code: { prefix: [\"0803\", \"2401\"] }", true)]
    [InlineData("hs_code: { prefix: [\"0804\"] }", false)]
    [InlineData("hs_code: { in: [\"080390\"] }", true)]
    public void Text_fields(string condition, bool fires) => Assert.Equal(fires, Fires(condition));

    [Theory]
    [InlineData("transshipments: { any_in: [PAONX, PABLB] }", true)]
    [InlineData("transshipments: { any_in: [PABLB] }", false)]
    [InlineData("transshipments: PAMIT", true)]
    [InlineData("transshipments: { none_in: [ESALG] }", true)]
    [InlineData("transshipments: { none_in: [PAONX] }", false)]
    [InlineData("transshipments: { count_gte: 2 }", true)]
    [InlineData("transshipments: { count_gte: 3 }", false)]
    [InlineData("route_ports: { any_in: [NLRTM] }", true)]
    [InlineData("route_ports: { count_gte: 4 }", true)]
    [InlineData("route_ports: { count_gte: 5 }", false)]
    [InlineData("hs_codes: { any_in: [\"081090\"] }", true)]
    [InlineData("hs_codes: { prefix: [\"0810\"] }", true)]
    [InlineData("hs_codes: { prefix: [\"2401\"] }", false)]
    public void List_fields(string condition, bool fires) => Assert.Equal(fires, Fires(condition));

    [Theory]
    [InlineData("description: { contains_any: [plantain] }", true)] // plural in the text
    [InlineData("description: { contains_any: [BANANA, cocoa] }", true)]
    [InlineData("description: { contains_any: [ceramic tiles] }", false)]
    [InlineData("description: { contains_any: [green bananas] }", false)]
    [InlineData("description: { contains_any: [ban] }", false)] // not a word on its own
    [InlineData("description: { contains_any: [fresh bananas] }", true)]
    public void Description_keywords(string condition, bool fires) => Assert.Equal(fires, Fires(condition));

    [Fact]
    public void Keyword_matches_words_not_parts_of_words()
    {
        var tiles = Reefer with { Description = "Ceramic tiles, glazed" };
        var textiles = Reefer with { Description = "Textiles" };
        Assert.True(Fires("description: { contains_any: [ceramic tiles] }", tiles));
        Assert.True(Fires("description: { contains_any: [tile] }", tiles));
        Assert.False(Fires("description: { contains_any: [tile] }", textiles));
    }

    [Theory]
    [InlineData("gross_kg: { gt: 20000 }", true)]
    [InlineData("gross_kg: { gte: 21500 }", true)]
    [InlineData("gross_kg: { lt: 21500 }", false)]
    [InlineData("gross_kg: { lte: 21500 }", true)]
    [InlineData("gross_kg: 21500", true)]
    [InlineData("value_eur: { between: [8000, 9000] }", true)]
    [InlineData("value_eur: { between: [9000, 9500] }", false)]
    [InlineData("packages: { eq: 1080 }", true)]
    [InlineData("value_per_kg: { lt: 0.41 }", true)] // 8600 / 21500 = 0.4
    [InlineData("value_per_kg: { lt: 0.39 }", false)]
    [InlineData("value_per_kg_ratio: { lt: 0.5 }", true)]
    [InlineData("booking_to_departure_hours: { lt: 48 }", true)]
    [InlineData("booking_to_departure_hours: { gt: 48 }", false)]
    [InlineData("origin_commodity_count: 0", true)]
    [InlineData("numeric.total_taxes: { lt: 50 }", true)]
    [InlineData("numeric.fob_value: { gt: 0 }", false)]
    [InlineData("gross_kg: { gt: 20000, lt: 21000 }", false)] // two operators: both must hold
    [InlineData("gross_kg: { gt: 20000, lt: 22000 }", true)]
    public void Number_fields(string condition, bool fires) => Assert.Equal(fires, Fires(condition));

    [Theory]
    [InlineData("reefer: true", true)]
    [InlineData("reefer: false", false)]
    [InlineData("reefer: { eq: true }", true)]
    [InlineData("seal_changed: false", true)]
    [InlineData("seal_changed: true", false)]
    [InlineData("route_changed_after_loading: true", true)]
    public void Flag_fields(string condition, bool fires) => Assert.Equal(fires, Fires(condition));

    [Theory]
    [InlineData("party_age_days.consignee: { lt: 30 }", true)]
    [InlineData("party_first_seen_days.consignee: { lt: 10 }", false)]
    [InlineData("party_age_days.consignor: { gte: 365 }", true)]
    [InlineData("party_watch_listed.forwarder: true", true)]
    [InlineData("party_watch_listed.consignee: true", false)]
    [InlineData("party_watch_listed.consignee: false", true)]
    [InlineData("party_watch_listed.any: true", true)]
    [InlineData("party_aeo.consignee: { in: [aeoc, AEOF] }", true)]
    [InlineData("party_aeo.consignor: NONE", true)]
    [InlineData("party_country.consignor: EC", true)]
    [InlineData("party_country.consignee: { not_in: [NL, BE] }", false)]
    [InlineData("categorical.procedure: \"4000\"", true)]
    [InlineData("categorical.office: NL000396", false)]
    public void Party_and_extra_fields(string condition, bool fires) => Assert.Equal(fires, Fires(condition));

    [Theory]
    [InlineData("all:\n  - reefer: true\n  - origin_country: EC", true)]
    [InlineData("all:\n  - reefer: true\n  - origin_country: CO", false)]
    [InlineData("any:\n  - origin_country: CO\n  - hub: RTM", true)]
    [InlineData("any:\n  - origin_country: CO\n  - hub: ANR", false)]
    [InlineData("not: { origin_country: CO }", true)]
    [InlineData("not: { origin_country: EC }", false)]
    [InlineData("reefer: true\nhub: ANR", false)] // several keys in one condition: all of them
    [InlineData("all:\n  - any: [{ hub: ANR }, { kind: SeaContainer }]\n  - not: { all: [{ reefer: true }, { seal_changed: true }] }", true)]
    public void Combinators(string condition, bool fires) => Assert.Equal(fires, Fires(condition));

    [Theory]
    [InlineData("origin_country: { not_in: [CO] }")]
    [InlineData("transshipments: { none_in: [PAONX] }")]
    [InlineData("transshipments: { count_gte: 0 }")]
    [InlineData("route_ports: { count_gte: 0 }")]
    [InlineData("gross_kg: { lt: 100 }")]
    [InlineData("value_eur: { lt: 100 }")]
    [InlineData("packages: { lt: 5 }")]
    [InlineData("value_per_kg: { lt: 1 }")]
    [InlineData("value_per_kg_ratio: { lt: 10 }")]
    [InlineData("booking_to_departure_hours: { gte: 0 }")]
    [InlineData("origin_commodity_count: 0")]
    [InlineData("party_age_days.consignee: { gte: 0 }")]
    [InlineData("party_watch_listed.consignee: false")]
    [InlineData("party_watch_listed.any: false")]
    [InlineData("party_aeo.consignee: { not_in: [AEOF] }")]
    [InlineData("categorical.procedure: { not_in: [\"4000\"] }")]
    [InlineData("numeric.total_taxes: { lt: 1000 }")]
    [InlineData("description: { contains_any: [bananas] }")]
    public void Missing_data_never_satisfies_a_test(string condition)
    {
        Assert.False(Fires(condition, Empty, CaseFacts.None));
        // ...and 'not' is how an analyst says "unknown counts".
        Assert.True(Fires("not:\n  " + condition, Empty, CaseFacts.None));
    }

    [Fact]
    public void Watch_list_on_any_party_reads_any_dictionary()
    {
        var listed = new Dictionary<string, RiskParty> { ["notify"] = new("N-1", WatchListed: true), ["consignee"] = new("C-1") };
        Assert.True(Fires("party_watch_listed.any: true", Reefer with { Parties = listed }));
        Assert.True(Fires("party_watch_listed.any: true", Reefer with { Parties = new System.Collections.ObjectModel.ReadOnlyDictionary<string, RiskParty>(listed) }));
        listed["notify"] = new("N-1");
        Assert.True(Fires("party_watch_listed.any: false", Reefer with { Parties = new System.Collections.ObjectModel.ReadOnlyDictionary<string, RiskParty>(listed) }));
    }

    [Fact]
    public void Route_ports_count_only_known_ports()
    {
        var direct = Reefer with { PortOfLoading = "", Transshipments = [] };
        Assert.True(Fires("route_ports: { count_gte: 1 }", direct));
        Assert.False(Fires("route_ports: { count_gte: 2 }", direct));
    }

    [Fact]
    public void Empty_aeo_text_is_missing_not_a_value()
    {
        var noAeo = Reefer with
        {
            Parties = new Dictionary<string, RiskParty> { ["consignee"] = new("NL-1", Aeo: " ") },
        };
        Assert.False(Fires("party_aeo.consignee: { not_in: [AEOF, AEOS] }", noAeo));
    }
}
