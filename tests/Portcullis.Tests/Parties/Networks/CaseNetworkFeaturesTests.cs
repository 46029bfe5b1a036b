using Portcullis.Domain.Cargo;
using Portcullis.Parties;
using Portcullis.Parties.Networks;
using Portcullis.Risk;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>
/// The network features of stored consignments (<see cref="CaseNetworkFeatures"/>): scoring a few
/// consignments reads only them, their entities' neighbourhood and the hits, and answers what the load of
/// all gives: cases one and two links from a hit, near young companies, sharing a contact with a
/// watch-listed party, and cases with nothing in reach.
/// </summary>
public sealed class CaseNetworkFeaturesTests
{
    [Fact]
    public async Task Features_of_a_few_consignments_equal_those_of_the_load_of_all()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var options = new SimulationOptions(11, 0.03, new DateOnly(2026, 11, 1), 8);
        var days = new TrafficSimulator(options).Run().ToList();
        var store = new StoreSimulatedTraffic(database);
        foreach (var day in days)
        {
            await store.StoreDayAsync(day, ct);
        }

        // Every smuggling consignment found, known two days after arrival: hits the network can reach.
        var smuggled = days.SelectMany(d => d.GroundTruth).Select(g => g.ConsignmentId).ToHashSet();
        var consignments = days.SelectMany(d => d.Consignments).ToList();
        await using (var db = database.CreateContext())
        {
            db.DeclarationOutcomes.AddRange(consignments.Where(c => smuggled.Contains(c.Id)).Select(c => new DeclarationOutcome
            {
                ConsignmentId = c.Id,
                Inspected = true,
                Hit = true,
                KnownAt = c.ArrivedAt.AddDays(2),
                ReceiptId = Guid.Empty,
            }));
            await db.SaveChangesAsync(ct);
        }

        // A neighbourhood made by hand among the simulated parties (names and values of our own, so the
        // expected features follow from how it is built): Alfa shares a phone with Bravo, Bravo an address
        // with Charlie (a hit, known before Alfa's case) and with Delta (a company first seen five days
        // before the case); Alfa shares an e-mail address with the watch-listed Echo. Alfa also shares a
        // second address with Golf and MaxSharing others, every one of them a hit: a value that common
        // links nobody, which only a count of all its holders can tell (any holder read alone is a hit one link away).
        var day0 = days[0].Date.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        Party Make(string name, DateTime firstSeen, string? phone = null, (string Street, string Postcode)? address = null, string? email = null) => new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            CountryCode = "NL",
            FirstSeen = firstSeen,
            Phone = phone,
            Street = address?.Street,
            Postcode = address?.Postcode,
            City = address is null ? null : "Rotterdam",
            Email = email,
        };
        var old = day0.AddDays(-200);
        var common = ("Waalhaven Zuidzijde 40", "3089 JH");
        var alfa = Make("Alfa Handel BV", old, phone: "010 555 0101", address: common, email: "inkoop@alfahandel.nl");
        var bravo = Make("Bravo Logistiek BV", old, phone: "+31 10 5550101", address: ("Keileweg 7", "3029 BS"));
        var charlie = Make("Charlie Fruit BV", old, address: ("Keileweg 7", "3029 BS"));
        var delta = Make("Delta Vers BV", day0.AddDays(1), address: ("Keileweg 7", "3029 BS"));
        var echo = Make("Echo Import BV", old, email: "inkoop@alfahandel.nl");
        var golf = Make("Golf Trading BV", old, address: common);
        var crowd = Enumerable.Range(1, new NetworkOptions().MaxSharing).Select(i => Make($"Kantoor {i} BV", old, address: common)).ToList();
        var serial = 0;
        Consignment For(Party consignee, DateTime arrived)
        {
            var id = Guid.NewGuid();
            return new Consignment
            {
                Id = id,
                Reference = "CNF" + ++serial,
                Kind = ConsignmentKind.SeaContainer,
                Direction = Direction.Import,
                HubCode = "RTM",
                BookedAt = arrived.AddDays(-20),
                ArrivedAt = arrived,
                OriginCountry = "EC",
                Route = new Route { PortOfLoading = "ECGYE", PortOfDischarge = "NLRTM" },
                Parties = [new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignee, PartyId = consignee.Id }],
            };
        }

        var made = new[] { alfa, bravo, charlie, delta, echo, golf }.Concat(crowd).Select(p => For(p, day0.AddDays(1))).ToList();
        var hits = made.Skip(5).Prepend(made[2]).ToList();
        var alfaCase = For(alfa, day0.AddDays(6));
        made.Add(alfaCase);
        await using (var db = database.CreateContext())
        {
            db.Parties.AddRange(new[] { alfa, bravo, charlie, delta, echo, golf }.Concat(crowd));
            db.Consignments.AddRange(made);
            db.DeclarationOutcomes.AddRange(hits.Select(c => new DeclarationOutcome
            {
                ConsignmentId = c.Id,
                Inspected = true,
                Hit = true,
                KnownAt = c.ArrivedAt.AddDays(2),
                ReceiptId = Guid.Empty,
            }));
            db.WatchList.Add(new WatchListEntry { Id = Guid.NewGuid(), PartyId = echo.Id, Reason = "test", AddedBy = "test", AddedAt = day0 });
            await db.SaveChangesAsync(ct);
        }

        consignments.AddRange(made);
        var end = consignments.Max(c => c.ArrivedAt).AddDays(1);
        Dictionary<Guid, NetworkFeatures> all;
        await using (var db = database.CreateContext())
        {
            all = await CaseNetworkFeatures.LoadAsync(db, end, null, ct);
        }

        Assert.Equal(consignments.Count, all.Count);
        var expected = all[alfaCase.Id];
        Assert.Equal((2, 1, 1), (expected.HopsToOutcome, expected.YoungNearby, expected.WatchListedContacts));
        Assert.Contains("Charlie Fruit BV", expected.HopsReason, StringComparison.Ordinal);
        Assert.Contains("Delta Vers BV", expected.YoungReason, StringComparison.Ordinal);

        // The simulated cases too: those a hit reaches (their hits are other consignments, so reaching
        // one shows they were read), and two with nothing in particular.
        var sample = consignments.Where(c => all[c.Id].HopsToOutcome is not null && c.Id != alfaCase.Id).Take(3)
            .Append(alfaCase).Append(consignments[0]).Append(consignments[consignments.Count / 2]).Distinct().ToList();
        Assert.Contains(sample, c => all[c.Id].HopsToOutcome == 0 && c.Id != alfaCase.Id);
        foreach (var c in sample)
        {
            await using var db = database.CreateContext();
            var one = await CaseNetworkFeatures.LoadAsync(db, end, [c.Id], ct);
            Assert.Equal(all[c.Id], Assert.Single(one).Value);
        }
    }
}
