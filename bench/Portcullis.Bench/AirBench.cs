using System.Diagnostics;
using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Air;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// `ingest-cargoxml [--waybills 50000] [--db DB]`: writes that many XFWB master air waybills into
/// Schiphol (on 250 flights, from a pool of 5,000 traders, one to three goods lines each) as one
/// Cargo-XML file and ingests it through reader, mapping and pipeline into a fresh SQLite database.
/// Prints waybills per second end to end, and the reader alone.
/// </summary>
public static class AirBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var waybills = 50_000;
        string? db = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--waybills": waybills = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --waybills and --db.");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("portcullis-air-bench-").FullName;
        try
        {
            var database = new Database(DatabaseTarget.Resolve(db ?? Path.Combine(folder, "bench.db")).GetValueOrThrow());
            await database.MigrateAsync(CancellationToken.None);
            var pipeline = new IngestPipeline(database, TimeProvider.System, new IngestOptions());
            var path = Write(folder, waybills);
            var bytes = await File.ReadAllBytesAsync(path);

            var parse = Stopwatch.StartNew();
            var read = CargoXmlReader.Read(bytes).Count(i => i is AirMessage);
            parse.Stop();

            var clock = Stopwatch.StartNew();
            var receipt = await pipeline.IngestCargoXmlAsync(path, new IngestOrigin("bench"), CancellationToken.None);
            clock.Stop();

            var inv = CultureInfo.InvariantCulture;
            var mb = bytes.Length / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(inv, $"ingest-cargoxml into {database.Target.Provider}: {mb:F1} MB, {waybills:N0} waybills, receipt {receipt.Status} ({receipt.Accepted:N0} accepted, {receipt.Rejected:N0} rejected)"));
            Console.WriteLine(string.Create(inv, $"  ingest: {clock.Elapsed.TotalSeconds:F2} s = {waybills / clock.Elapsed.TotalSeconds:N0} waybills/s, {mb / clock.Elapsed.TotalSeconds:F1} MB/s"));
            Console.WriteLine(string.Create(inv, $"  reader alone: {read:N0} messages in {parse.Elapsed.TotalSeconds:F2} s = {read / parse.Elapsed.TotalSeconds:N0} waybills/s"));
            Console.WriteLine(string.Create(inv, $"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string folder, int count)
    {
        var random = new Random(42);
        var start = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        string[] origins = ["KENBO", "ETADD", "COBOG", "ECUIO", "HKHKG", "CNSHA", "USNYC", "AEDXB", "QADOH", "SGSIN"];
        string[] carriers = ["KL", "MP", "EK", "QR", "CX", "LH"];
        var flights = Enumerable.Range(0, 250).Select(f =>
        {
            var departs = start.AddHours(f * 0.5);
            var movement = new TransportMovement { Id = Guid.CreateVersion7(), Mode = TransportMode.Air, Carrier = carriers[f % carriers.Length], Reference = carriers[f % carriers.Length] + (100 + f).ToString(CultureInfo.InvariantCulture) };
            movement.Calls.Add(new TransportCall { Id = Guid.CreateVersion7(), MovementId = movement.Id, Sequence = 1, UnLocode = origins[f % origins.Length], Departure = departs });
            movement.Calls.Add(new TransportCall { Id = Guid.CreateVersion7(), MovementId = movement.Id, Sequence = 2, UnLocode = "NLAMS", Arrival = departs.AddHours(9) });
            return movement;
        }).ToList();
        var parties = Enumerable.Range(0, 5_000).Select(p => new Party
        {
            Id = Guid.CreateVersion7(),
            Name = "TRADER " + p.ToString(CultureInfo.InvariantCulture),
            CountryCode = p % 2 == 0 ? "NL" : "KE",
            Eori = p % 3 == 0 ? "NL" + (100_000_000 + p).ToString(CultureInfo.InvariantCulture) : null,
            FirstSeen = start,
        }).ToDictionary(p => p.Id);
        var pool = parties.Values.ToList();
        string[] hs = ["060311", "080390", "851712", "300490", "610910", "847130"];

        var path = Path.Combine(folder, "waybills.xml");
        using var file = File.Create(path);
        using var writer = new CargoXmlWriter(file);
        for (var i = 0; i < count; i++)
        {
            var flight = flights[i % flights.Count];
            var serial = 1_000_000 + i;
            var consignment = new Consignment
            {
                Id = Guid.CreateVersion7(),
                Reference = string.Create(CultureInfo.InvariantCulture, $"074-{serial:D7}{serial % 7}"),
                Kind = ConsignmentKind.AirCargo,
                Direction = Direction.Import,
                HubCode = "SPL",
                MovementId = flight.Id,
                BookedAt = flight.Calls[0].Departure!.Value.AddDays(-1),
                DepartedAt = flight.Calls[0].Departure,
                ArrivedAt = flight.Calls[1].Arrival!.Value,
                OriginCountry = flight.Calls[0].UnLocode[..2],
                Route = new Route { PortOfLoading = flight.Calls[0].UnLocode, PortOfDischarge = "NLAMS" },
                TotalValueEur = random.Next(500, 50_000),
            };
            foreach (var role in new[] { PartyRole.Consignor, PartyRole.Consignee, PartyRole.Forwarder })
            {
                consignment.Parties.Add(new ConsignmentParty { ConsignmentId = consignment.Id, Role = role, PartyId = pool[random.Next(pool.Count)].Id });
            }

            for (var line = 1; line <= 1 + (i % 3); line++)
            {
                var kg = Math.Round(random.NextDouble() * 900 + 10, 1);
                consignment.Goods.Add(new GoodsLine { ConsignmentId = consignment.Id, LineNumber = line, HsCode = hs[random.Next(hs.Length)], Description = "GENERAL CARGO", Packages = random.Next(1, 60), PackageType = "PK", GrossKg = kg, NetKg = kg * 0.9, ValueEur = 0 });
            }

            consignment.TotalGrossKg = consignment.Goods.Sum(g => g.GrossKg);
            writer.Waybill("XFWB-" + consignment.Reference, consignment, flight, parties, "AIRLINES", start);
        }

        return path;
    }
}
