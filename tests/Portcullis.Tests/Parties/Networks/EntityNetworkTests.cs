using Portcullis.Domain.Cargo;
using Portcullis.Parties.Networks;
using Portcullis.Tests.Components;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>The network's edges from stored-looking parties and consignments, and its features as of a day.</summary>
public sealed class EntityNetworkTests
{
    private static readonly DateOnly D = new(2026, 10, 20);
    private static readonly Dictionary<Guid, Guid> Unresolved = [];

    [Fact]
    public void Phones_and_addresses_written_differently_link_the_parties()
    {
        var a = Party("Frutas del Sol S.A.", D.AddDays(-40), street: "Kerkstraat 12", postcode: "3011 AB", phone: "+31 10 123 4567");
        var b = Party("FRUTAS SOL BV", D.AddDays(-30), street: "Kerk str. 12", postcode: "3011ab", phone: "0031101234567");
        var c = Party("Sol Import", D.AddDays(-20), street: "Havenweg 3", postcode: "3089 JK", phone: "010-1234567");
        var network = EntityNetwork.From([a, b, c], [], Unresolved);

        var edges = network.EdgesOf(a.Id, D).OrderBy(e => e.B == b.Id ? 0 : 1).ThenBy(e => e.Kind).ToList();

        Assert.Equal(
            [
                (b.Id, LinkKind.Address, "3011AB 12", D.AddDays(-30)),
                (b.Id, LinkKind.Phone, "+31101234567", D.AddDays(-30)),
                (c.Id, LinkKind.Phone, "+31101234567", D.AddDays(-20)),
            ],
            edges.Select(e => (e.B, e.Kind, e.Value, e.Since)));
    }

    [Fact]
    public void A_free_mail_domain_is_not_an_edge_but_a_company_domain_is()
    {
        var a = Party("Alpha Trading", D.AddDays(-9), email: "alpha.trading@gmail.com");
        var b = Party("Beta Foods", D.AddDays(-9), email: "beta.foods@GMAIL.com");
        var c = Party("Gamma Fruit", D.AddDays(-9), email: "orders@gamma-fruit.nl");
        var d = Party("Gamma Fruit Logistics", D.AddDays(-9), email: "Info@Gamma-Fruit.NL");
        var network = EntityNetwork.From([a, b, c, d], [], Unresolved);

        Assert.Empty(network.EdgesOf(a.Id, D));
        var edge = Assert.Single(network.EdgesOf(c.Id, D));
        Assert.Equal((d.Id, LinkKind.Domain, "gamma-fruit.nl"), (edge.B, edge.Kind, edge.Value));
    }

    [Fact]
    public void A_value_shared_by_more_companies_than_the_cap_links_nobody()
    {
        // A business centre: thirteen honest tenants at one address.
        var tenants = Enumerable.Range(0, 13).Select(i => Party($"Tenant {i}", D.AddDays(-50 + i), street: "Weena 505", postcode: "3013 AL")).ToList();
        var network = EntityNetwork.From(tenants, [], Unresolved, new NetworkOptions { MaxSharing = 12 });

        Assert.Equal(11, network.EdgesOf(tenants[0].Id, D.AddDays(-38)).Count());
        Assert.Empty(network.EdgesOf(tenants[0].Id, D));
    }

    [Fact]
    public void Consignees_sharing_a_forwarder_or_a_container_are_linked_from_the_later_arrival()
    {
        var x = Party("Xeno Handel", D.AddDays(-60));
        var y = Party("Ypsilon Import", D.AddDays(-60));
        var forwarder = Party("Quick Forwarding", D.AddDays(-300));
        var network = EntityNetwork.From(
            [x, y, forwarder],
            [Consignment(x, forwarder, "MSCU1234565", D.AddDays(-5)), Consignment(y, forwarder, "MSCU1234565", D.AddDays(-2))],
            Unresolved);

        var edges = network.EdgesOf(x.Id, D).OrderBy(e => e.Kind).ToList();

        Assert.Equal(
            [(y.Id, LinkKind.Forwarder, "Quick Forwarding", D.AddDays(-2)), (y.Id, LinkKind.Container, "MSCU1234565", D.AddDays(-2))],
            edges.Select(e => (e.B, e.Kind, e.Display, e.Since)));
        Assert.Empty(network.EdgesOf(x.Id, D.AddDays(-2)));
    }

    [Fact]
    public void Features_on_day_D_ignore_links_and_hits_from_D_onwards()
    {
        var x = Party("New Front BV", D, phone: "+31 20 555 0101");
        var y1 = Party("Old Sibling BV", D.AddDays(-10), phone: "020 555 0101");
        var y2 = Party("Old Sibling", D, street: "Dijkweg 7", postcode: "1011 AA");
        var w = Party("Caught Trading", D.AddDays(-100), street: "Dijkweg 7", postcode: "1011AA");
        var sameDay = Party("Same Day Newcomer", D, phone: "+31205550101");
        var hitOnD = Party("Hit Today", D.AddDays(-90), phone: "+31205550101");
        // y1 and y2 are one resolved entity; its address is first known on D.
        var entityOf = new Dictionary<Guid, Guid> { [y2.Id] = y1.Id };
        var network = EntityNetwork.From([x, y1, y2, w, sameDay, hitOnD], [], entityOf);
        var history = new NetworkHistory(network, [new NetworkOutcome(w.Id, D.AddDays(-5), "cocaine"), new NetworkOutcome(hitOnD.Id, D, "heroin")], []);

        var onD = history.FeaturesOf([x.Id], D);
        var dayAfter = history.FeaturesOf([x.Id], D.AddDays(1));

        Assert.Equal((null, 1), (onD.HopsToOutcome, onD.YoungNearby));
        Assert.Null(onD.HopsReason);
        Assert.Equal("1 company first seen in the last 30 days within 2 hops (Old Sibling BV)", onD.YoungReason);
        Assert.Equal("1 bedrijf binnen 2 stappen voor het eerst gezien in de laatste 30 dagen (Old Sibling BV)", PhraseAssert.SaidInDutch(onD.YoungPhrase!, onD.YoungReason!));
        Assert.Equal(1, dayAfter.HopsToOutcome);
        Assert.Equal("1 hop from Hit Today, which had a heroin hit known on 2026-10-20, via the same phone +31205550101", dayAfter.HopsReason);
        // The day after, the newcomer of day D is young and near too.
        Assert.Equal(2, dayAfter.YoungNearby);
    }

    [Fact]
    public void The_explanation_names_each_link_on_the_way_to_the_hit()
    {
        var x = Party("New Front BV", D, phone: "+31 20 555 0101");
        var y1 = Party("Old Sibling BV", D.AddDays(-10), phone: "020 555 0101");
        var y2 = Party("Old Sibling", D.AddDays(-3), street: "Dijkweg 7", postcode: "1011 AA");
        var w = Party("Caught Trading", D.AddDays(-100), street: "Dijkweg 7", postcode: "1011AA");
        var network = EntityNetwork.From([x, y1, y2, w], [], new Dictionary<Guid, Guid> { [y2.Id] = y1.Id });
        var history = new NetworkHistory(network, [new NetworkOutcome(w.Id, new DateOnly(2026, 10, 3), "cocaine")], [new WatchListing(y1.Id, D.AddDays(-1))]);

        var features = history.FeaturesOf([x.Id], D);

        Assert.Equal(2, features.HopsToOutcome);
        Assert.Equal("2 hops from Caught Trading, which had a cocaine hit known on 2026-10-03, via the same phone +31205550101, then the same address 1011AA 7", features.HopsReason);
        Assert.Equal(1, features.WatchListedContacts);
        Assert.Equal("shares the same phone +31205550101 with watch-listed Old Sibling BV", features.WatchReason);
        // A page says the same notes in Dutch from their phrases, the names and values as they are.
        Assert.Equal(
            "2 stappen van Caught Trading, dat een treffer (cocaïne) had, bekend sinds 2026-10-03, via hetzelfde telefoonnummer +31205550101, daarna hetzelfde adres 1011AA 7",
            PhraseAssert.SaidInDutch(features.HopsPhrase!, features.HopsReason!));
        Assert.Equal("deelt hetzelfde telefoonnummer +31205550101 met Old Sibling BV (op de attentielijst)", PhraseAssert.SaidInDutch(features.WatchPhrase!, features.WatchReason!));
    }

    [Theory]
    [InlineData("SyntheticDrugs", "a synthetic drugs hit", "een treffer (synthetische drugs)")]
    [InlineData("heroin", "a heroin hit", "een treffer (heroïne)")]
    [InlineData("precursor chemicals", "a precursor chemicals hit", "een treffer (precursor chemicals)")]
    public void A_known_substance_is_said_in_Dutch_and_free_text_stays_as_written(string what, string english, string dutch)
    {
        var phrase = NetworkPhrases.Hit("Caught Trading", new NetworkOutcome(Guid.NewGuid(), new DateOnly(2026, 10, 3), what), []);

        Assert.Equal($"Caught Trading itself had {english} known on 2026-10-03", NetworkPhrases.Catalogue.Say(phrase));
        Assert.Equal($"Caught Trading had zelf {dutch}, bekend sinds 2026-10-03",
            phrase.Render(key => TextResourcesTests.Dutch[key], Portcullis.Components.Languages.Dutch.Format));
    }

    private static Party Party(string name, DateOnly firstSeen, string? street = null, string? postcode = null, string? phone = null, string? email = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        CountryCode = "NL",
        FirstSeen = firstSeen.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
        Street = street,
        City = street is null ? null : "Rotterdam",
        Postcode = postcode,
        Phone = phone,
        Email = email,
    };

    /// <summary>A sea-container import at RTM on <paramref name="day"/> with a consignee and a forwarder (NetworkTimelineTests uses it too).</summary>
    internal static Consignment Consignment(Party consignee, Party forwarder, string container, DateOnly day)
    {
        var id = Guid.NewGuid();
        return new Consignment
        {
            Id = id,
            Reference = "REF" + id.ToString("N")[..6],
            Kind = ConsignmentKind.SeaContainer,
            Direction = Direction.Import,
            HubCode = "RTM",
            BookedAt = day.AddDays(-20).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            ArrivedAt = day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc),
            OriginCountry = "EC",
            Route = new Route { PortOfLoading = "ECGYE", PortOfDischarge = "NLRTM" },
            Parties =
            [
                new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignee, PartyId = consignee.Id },
                new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Forwarder, PartyId = forwarder.Id },
            ],
            Equipment = [new ConsignmentEquipment { ConsignmentId = id, ContainerNumber = container }],
        };
    }
}
