using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Risk;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

/// <summary>Hand-built cargo for tests that need a known consignment and container.</summary>
public static class CargoFixtures
{
    public sealed record Seeded(Guid ConsignmentId, string Reference, string ContainerNumber, string HubCode, DateTime ArrivedAt);

    /// <summary>
    /// A stored score of the seeded consignment made at <paramref name="scoredAt"/>: 0.42 from a rule (+0.4) and
    /// model version 3 (−0.02), one reason each, for the dossiers' risk parts.
    /// </summary>
    public static RiskScore ScoreOf(Seeded seeded, DateTime scoredAt) => new()
    {
        ConsignmentId = seeded.ConsignmentId,
        HubCode = seeded.HubCode,
        ScoredAt = scoredAt,
        ArrivedAt = seeded.ArrivedAt,
        Score = 0.42,
        RuleScore = 0.4,
        ModelProbability = 0.05,
        ModelVersion = 3,
        Reasons = [new("rule", "reefer-ecuador", "reefer from ECGYE, consignee first seen 4 days ago", 0.4), new("model", "history hs6", "HS 080390: 0 hits in 83 earlier inspections", -0.02)],
    };

    public static async Task<Seeded> AddReeferConsignmentAsync(Database database, string hubCode, DateTime arrivedAt, int serial = 123456)
    {
        var container = ContainerNumber.Create("TSTU", 'U', serial).Value;
        var id = Guid.NewGuid();
        var consignor = new Party { Id = Guid.NewGuid(), Name = "Frutas del Pacifico SA", CountryCode = "EC", FirstSeen = arrivedAt.AddYears(-3) };
        var consignee = new Party { Id = Guid.NewGuid(), Name = "Nieuwe Fruithandel BV", CountryCode = "NL", Eori = "NL123456789", FirstSeen = arrivedAt.AddDays(-9) };
        var reference = "TESTBL" + serial;
        var consignment = new Consignment
        {
            Id = id,
            Reference = reference,
            Kind = ConsignmentKind.SeaContainer,
            Direction = Direction.Import,
            HubCode = hubCode,
            BookedAt = arrivedAt.AddDays(-20),
            DepartedAt = arrivedAt.AddDays(-17),
            ArrivedAt = arrivedAt,
            OriginCountry = "EC",
            Route = new Route { PortOfLoading = "ECGYE", TransshipmentPorts = ["PAMIT"], PortOfDischarge = "NLRTM" },
            TotalGrossKg = 21_500,
            TotalValueEur = 18_000,
            Parties =
            [
                new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignor, PartyId = consignor.Id },
                new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignee, PartyId = consignee.Id },
            ],
            Goods = [new GoodsLine { ConsignmentId = id, LineNumber = 1, HsCode = "080390", Description = "Fresh bananas", Packages = 1080, PackageType = "CT", GrossKg = 21_500, NetKg = 19_440, ValueEur = 18_000 }],
            Equipment = [new ConsignmentEquipment { ConsignmentId = id, ContainerNumber = container, SealNumbers = ["ML-EC1234567"], ReeferSetpointC = 13.3 }],
        };

        await using var db = database.CreateContext();
        db.Parties.AddRange(consignor, consignee);
        db.Equipment.Add(new Equipment { ContainerNumber = container, SizeType = "45R1", Reefer = true });
        db.Consignments.Add(consignment);
        db.ContainerEvents.Add(new ContainerEvent { Id = Guid.NewGuid(), ContainerNumber = container, Type = ContainerEventType.Discharge, OccurredAt = arrivedAt, UnLocode = "NLRTM", Facility = "ECT Delta", Source = "test" });
        await db.SaveChangesAsync();
        return new Seeded(id, reference, container, hubCode, arrivedAt);
    }
}
