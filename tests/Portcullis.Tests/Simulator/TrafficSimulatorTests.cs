using System.Text.Json;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Domain.Standards;
using Portcullis.Simulator;

namespace Portcullis.Tests.Simulator;

public sealed class TrafficSimulatorTests(SimulatorRuns runs)
{
    [Fact]
    public void Same_seed_gives_byte_identical_output()
    {
        var options = new SimulationOptions(5, 0.05, SimulatorRuns.FirstDay, 3);
        Assert.Equal(Serialise(SimulatorRuns.Simulate(options)), Serialise(SimulatorRuns.Simulate(options)));
    }

    [Fact]
    public void Different_seeds_give_different_output()
    {
        var a = SimulatorRuns.Simulate(new SimulationOptions(5, 0.05, SimulatorRuns.FirstDay, 1));
        var b = SimulatorRuns.Simulate(new SimulationOptions(6, 0.05, SimulatorRuns.FirstDay, 1));
        Assert.NotEqual(Serialise(a), Serialise(b));
    }

    [Fact]
    public void Every_container_number_passes_the_ISO_6346_check()
    {
        var day = runs.FullDay;
        var numbers = day.NewEquipment.Select(e => e.ContainerNumber)
            .Concat(day.Events.Select(e => e.ContainerNumber))
            .Concat(day.Consignments.SelectMany(c => c.Equipment).Select(e => e.ContainerNumber))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.True(ContainerNumber.Parse(n).Success, n));
        Assert.All(day.NewEquipment, e => Assert.Equal(SizeTypeCode.Parse(e.SizeType).GetValueOrThrow().IsReefer, e.Reefer));
    }

    [Fact]
    public void Containers_carry_seals_and_reefers_run_at_the_commodity_set_point()
    {
        var day = runs.FullDay;
        var reefer = day.NewEquipment.ToDictionary(e => e.ContainerNumber, e => e.Reefer);
        foreach (var c in day.Consignments.Where(c => c.Kind == ConsignmentKind.SeaContainer))
        {
            Assert.NotEmpty(c.Equipment);
            foreach (var e in c.Equipment)
            {
                Assert.NotEmpty(e.SealNumbers);
                Assert.Equal(reefer[e.ContainerNumber], e.ReeferSetpointC is not null);
                if (c.Goods[0].HsCode == "08039010")
                {
                    Assert.Equal(13.3, e.ReeferSetpointC);
                }
            }
        }
    }

    [Fact]
    public void Every_hs_code_parses()
    {
        var codes = runs.FullDay.Consignments.SelectMany(c => c.Goods).Select(g => g.HsCode).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(codes.Count > 20);
        Assert.All(codes, code => Assert.True(HsCode.Parse(code).Success, code));
    }

    [Fact]
    public void Every_un_locode_parses()
    {
        var day = runs.FullDay;
        var codes = day.Consignments
            .SelectMany(c => new[] { c.Route.PlaceOfReceipt, c.Route.PortOfLoading, c.Route.PortOfDischarge, c.Route.PlaceOfDelivery }.Concat(c.Route.TransshipmentPorts))
            .Concat(day.Movements.SelectMany(m => m.Calls).Select(c => c.UnLocode))
            .Concat(day.Events.Select(e => e.UnLocode))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.All(codes, code => Assert.True(UnLocode.Parse(code).Success, code));
    }

    [Fact]
    public void All_times_are_utc_and_arrivals_and_events_fall_inside_their_day()
    {
        foreach (var day in runs.Month)
        {
            var start = day.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var end = start.AddDays(1);
            foreach (var c in day.Consignments)
            {
                Assert.True(c.ArrivedAt >= start && c.ArrivedAt < end, $"{c.Reference} arrived {c.ArrivedAt:O} outside {day.Date}");
                Assert.Equal(DateTimeKind.Utc, c.ArrivedAt.Kind);
                Assert.Equal(DateTimeKind.Utc, c.BookedAt.Kind);
                Assert.True(c.BookedAt <= (c.DepartedAt ?? c.ArrivedAt));
                Assert.True(c.DepartedAt is null || (c.DepartedAt.Value.Kind == DateTimeKind.Utc && c.DepartedAt < c.ArrivedAt));
            }

            Assert.All(day.Events, e => Assert.True(e.OccurredAt.Kind == DateTimeKind.Utc && e.OccurredAt >= start && e.OccurredAt < end, $"{e.Type} at {e.OccurredAt:O}"));
            Assert.All(day.Movements.SelectMany(m => m.Calls), call =>
                Assert.True(call.Arrival is null or { Kind: DateTimeKind.Utc } && call.Departure is null or { Kind: DateTimeKind.Utc }));
            Assert.All(day.NewParties, p => Assert.True(p.FirstSeen.Kind == DateTimeKind.Utc && p.FirstSeen < end));
        }
    }

    [Fact]
    public void A_full_scale_day_has_realistic_volumes_per_hub()
    {
        var day = runs.FullDay;
        int Count(string hub, ConsignmentKind kind) => day.Consignments.Count(c => c.HubCode == hub && c.Kind == kind);

        Assert.InRange(Count(HubCatalogue.Rotterdam, ConsignmentKind.SeaContainer), 12_000, 20_000);
        Assert.InRange(day.Events.Count(e => e.UnLocode == "NLRTM"), 30_000, 50_000);
        Assert.InRange(day.Events.Count(e => e.UnLocode == "NLRTM" && e.Type == ContainerEventType.Discharge), 14_000, 22_000);
        Assert.InRange(Count(HubCatalogue.ZeelandWestBrabant, ConsignmentKind.SeaContainer), 700, 1_400);
        Assert.InRange(Count(HubCatalogue.NorthSeaCanal, ConsignmentKind.SeaBulk), 10, 80);
        Assert.InRange(Count(HubCatalogue.Schiphol, ConsignmentKind.AirCargo), 3_000, 5_000);
        Assert.InRange(Count(HubCatalogue.FlowerAuctions, ConsignmentKind.RoadTruck), 2_200, 3_800);
        Assert.InRange(Count(HubCatalogue.Post, ConsignmentKind.PostalItem), 6_000, 10_000);
        Assert.All(day.Consignments.Where(c => c.Kind == ConsignmentKind.PostalItem), c => Assert.Equal(Direction.Export, c.Direction));
        Assert.All(day.Events, e => Assert.Equal("simulator", e.Source));
    }

    [Fact]
    public void A_tiny_scale_still_produces_every_kind()
    {
        var day = SimulatorRuns.Simulate(new SimulationOptions(3, 0.01, SimulatorRuns.FirstDay, 1))[0];
        foreach (var kind in Enum.GetValues<ConsignmentKind>())
        {
            Assert.Contains(day.Consignments, c => c.Kind == kind);
        }
    }

    [Fact]
    public void Parties_and_equipment_are_emitted_once_and_before_use()
    {
        var parties = new HashSet<Guid>();
        var equipment = new HashSet<string>(StringComparer.Ordinal);
        foreach (var day in runs.Month)
        {
            Assert.All(day.NewParties, p => Assert.True(parties.Add(p.Id), $"party {p.Id} emitted twice"));
            Assert.All(day.NewEquipment, e => Assert.True(equipment.Add(e.ContainerNumber), $"container {e.ContainerNumber} emitted twice"));
            foreach (var c in day.Consignments)
            {
                Assert.Contains(c.Parties, p => p.Role == PartyRole.Consignor);
                Assert.Contains(c.Parties, p => p.Role == PartyRole.Consignee);
                Assert.All(c.Parties, p => Assert.Contains(p.PartyId, parties));
                Assert.All(c.Equipment, e => Assert.Contains(e.ContainerNumber, equipment));
                Assert.All(c.Goods, g => Assert.Equal(c.Id, g.ConsignmentId));
            }

            Assert.All(day.Events, e => Assert.Contains(e.ContainerNumber, equipment));
        }
    }

    [Fact]
    public void Ground_truth_refers_to_consignments_of_that_day()
    {
        foreach (var day in runs.Month)
        {
            var byId = day.Consignments.ToDictionary(c => c.Id);
            foreach (var truth in day.GroundTruth)
            {
                Assert.True(byId.TryGetValue(truth.ConsignmentId, out var consignment), $"{truth.Pattern} case refers to an unknown consignment");
                Assert.True(truth.Kilograms > 0);
                if (truth.ContainerNumber is not null)
                {
                    Assert.Contains(consignment.Equipment, e => e.ContainerNumber == truth.ContainerNumber);
                }

                var expected = consignment.Kind == ConsignmentKind.PostalItem ? Substance.SyntheticDrugs : Substance.Cocaine;
                Assert.Equal(expected, truth.Substance);
            }
        }
    }

    private static string Serialise(IReadOnlyList<SimulatedDay> days) => JsonSerializer.Serialize(days);
}
