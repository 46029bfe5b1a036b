using Portcullis.Domain.Geography;

namespace Portcullis.Tests.Domain;

/// <summary>The route map's plan: catalogue lookup, unknown places kept as text, reported places in time order.</summary>
public sealed class RoutePlannerTests
{
    private static readonly DateTime Day = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_catalogue_finds_a_code_written_with_a_space_or_in_lower_case_and_gives_its_position()
    {
        var rotterdam = PortCatalogue.Find("nl rtm");

        Assert.NotNull(rotterdam);
        Assert.Equal("NLRTM", rotterdam.Code);
        // The hub catalogue's own position for Rotterdam, which the port catalogue repeats.
        Assert.Equal(51.95, rotterdam.Latitude);
        Assert.Equal(4.05, rotterdam.Longitude);
        Assert.Null(PortCatalogue.Find("XXZZZ"));
        Assert.Null(PortCatalogue.Find("Rotterdam"));
    }

    [Fact]
    public void Every_place_of_the_five_hubs_is_in_the_catalogue_at_the_hub_catalogues_position()
    {
        foreach (var location in Portcullis.Domain.Hubs.HubCatalogue.All.Where(h => h.Kind == Portcullis.Domain.Hubs.HubKind.Seaport).SelectMany(h => h.Locations))
        {
            var port = PortCatalogue.Find(location.UnLocode);
            Assert.NotNull(port);
            Assert.Equal(location.Latitude, port.Latitude, 2);
            Assert.Equal(location.Longitude, port.Longitude, 2);
        }
    }

    [Fact]
    public void The_declared_stops_keep_their_order_and_a_place_not_in_the_catalogue_is_listed_not_placed()
    {
        var plan = RoutePlanner.Build("XXABC", "ECGYE", ["PAMIT", "QQ999"], "NLRTM", "NLVEN", []);

        Assert.Equal(["XXABC", "ECGYE", "PAMIT", "QQ999", "NLRTM", "NLVEN"], plan.Declared.Select(s => s.Code));
        Assert.Equal(["receipt", "loading", "transshipment", "transshipment", "discharge", "delivery"], plan.Declared.Select(s => s.Kind));
        Assert.Equal(["XXABC", "QQ999"], plan.Unplaced);
        Assert.Null(plan.Declared[0].Port);
        Assert.Equal("Guayaquil", plan.Declared[1].Port!.Name);
    }

    [Fact]
    public void Reported_places_come_in_time_order_whatever_order_they_arrive_in_and_repeats_at_one_place_are_one_stop()
    {
        var plan = RoutePlanner.Build(null, "ECGYE", [], "NLRTM", null,
        [
            new("NLRTM", Day.AddDays(20), "Discharge"),
            new("ECGYE", Day, "GateIn"),
            new("PAMIT", Day.AddDays(6), "Load"),
            new("ECGYE", Day.AddDays(1), "Load"),
            new("NLRTM", Day.AddDays(21), "GateOut"),
            new("ZZ ZZZ", Day.AddDays(10), "Load"),
        ]);

        Assert.Equal(["ECGYE", "PAMIT", "ZZZZZ", "NLRTM"], plan.Reported.Select(s => s.Code));
        Assert.Equal([Day, Day.AddDays(6), Day.AddDays(10), Day.AddDays(20)], plan.Reported.Select(s => s.At!.Value));
        Assert.Equal(["GateIn", "Load", "Load", "Discharge"], plan.Reported.Select(s => s.Kind));
        Assert.Equal(["ZZZZZ"], plan.Unplaced);
    }

    [Fact]
    public void A_receipt_or_delivery_at_the_port_itself_is_not_a_second_stop()
    {
        var plan = RoutePlanner.Build("ECGYE", "ECGYE", [], "NLRTM", "NLRTM", []);

        Assert.Equal(["ECGYE", "NLRTM"], plan.Declared.Select(s => s.Code));
        Assert.Equal(["loading", "discharge"], plan.Declared.Select(s => s.Kind));
        Assert.Empty(plan.Unplaced);
    }
}
