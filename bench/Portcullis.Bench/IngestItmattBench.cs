using System.Diagnostics;
using System.Globalization;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Edifact;
using Portcullis.Ingest.Edifact.Messages;
using Portcullis.Simulation;
using Portcullis.Storage;

namespace Portcullis.Bench;

/// <summary>
/// `ingest-itmatt [--items 200000] [--db DB]`: postal items written as one ITMATT interchange (in
/// messages of 1,000 items, as the simulator writes them) and ingested end to end through reader,
/// mapping and pipeline into a fresh SQLite database (or --db). Items have one to three content
/// pieces and senders and addressees drawn from pools of 40,000 and 100,000, so the party register
/// grows as it would with real post.
/// </summary>
public static class IngestItmattBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = 200_000;
        string? db = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--items": count = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": db = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'; use --items and --db.");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("portcullis-itmatt-bench-").FullName;
        try
        {
            var database = new Database(DatabaseTarget.Resolve(db ?? Path.Combine(folder, "bench.db")).GetValueOrThrow());
            await database.MigrateAsync(CancellationToken.None);
            var pipeline = new IngestPipeline(database, TimeProvider.System, new IngestOptions());
            var path = Path.Combine(folder, "itmatt.edi");
            await using (var output = File.Create(path))
            {
                var (items, parties) = Items(count);
                ItmattWriter.WriteInterchange(output, new InterchangeEnvelope("NLPOST", SimulatedFiles.CustomsRecipient, new DateTime(2026, 3, 2, 23, 30, 0, DateTimeKind.Utc), "BENCH1"), SimulatedFiles.PostalOperator, items, parties);
            }

            var size = new FileInfo(path).Length;

            // Reader alone, then reader and mapping, to tell their shares from the storing's.
            var reading = Stopwatch.StartNew();
            await using (var input = File.OpenRead(path))
            {
                _ = EdifactReader.Read(input, EdifactReaderOptions.Default).Count();
            }

            reading.Stop();
            var mapping = Stopwatch.StartNew();
            var mapped = 0;
            await using (var input = File.OpenRead(path))
            {
                foreach (var read in EdifactReader.Read(input, EdifactReaderOptions.Default).OfType<MessageRead>())
                {
                    mapped += ((MappedManifest)EdifactMessages.Map(read.Message)).Document.Consignments.Count;
                }
            }

            mapping.Stop();
            // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var receipt = await pipeline.IngestEdifactAsync(path, new IngestOrigin("bench"), null, CancellationToken.None);
            clock.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

            var inv = CultureInfo.InvariantCulture;
            var mb = size / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(inv, $"ingest-itmatt into {database.Target.Provider}: {mb:F1} MB, {count:N0} postal items, receipt {receipt.Status} ({receipt.Accepted:N0} messages accepted, {receipt.Rejected:N0} rejected)"));
            Console.WriteLine(string.Create(inv, $"  ingest: {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:N0} items/s, {mb / clock.Elapsed.TotalSeconds:F1} MB/s; {cpu:F2} CPU-s = {count / cpu:N0} items per CPU-second"));
            Console.WriteLine(string.Create(inv, $"  read only (EdifactReader): {reading.Elapsed.TotalSeconds:F2} s = {count / reading.Elapsed.TotalSeconds:N0} items/s"));
            Console.WriteLine(string.Create(inv, $"  read and map only: {mapping.Elapsed.TotalSeconds:F2} s = {mapped / mapping.Elapsed.TotalSeconds:N0} items/s"));
            Console.WriteLine(string.Create(inv, $"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB"));
            return receipt.Rejected == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (List<Consignment> Items, Dictionary<Guid, Party> Parties) Items(int count)
    {
        var random = new Random(42);
        var start = new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);
        string[] countries = ["US", "GB", "AU", "CA", "CH", "NO", "JP", "NZ"];
        string[] destinations = ["USNYC", "GBLON", "AUSYD", "CAYTO", "CHZRH", "NOOSL", "JPTYO", "NZAKL"];
        (string Hs, string Description, double Kg, double EurPerKg)[] contents =
        [
            ("610910", "Cotton T-shirts", 0.3, 60), ("490199", "Books", 0.6, 25), ("330499", "Cosmetics", 0.2, 120),
            ("190531", "Stroopwafels", 0.5, 12), ("060110", "Tulip bulbs", 0.4, 20), ("871499", "Bicycle parts", 0.8, 45),
        ];
        var parties = new Dictionary<Guid, Party>();
        var senders = Pool(40_000, "Sender", _ => "NL");
        var addressees = Pool(100_000, "Addressee", i => countries[i % countries.Length]);
        var items = new List<Consignment>(count);
        for (var i = 0; i < count; i++)
        {
            var destination = random.Next(destinations.Length);
            var id = Guid.CreateVersion7();
            var lodged = start.AddSeconds(i % 57_600);
            var item = new Consignment
            {
                Id = id,
                Reference = S10(i),
                Kind = ConsignmentKind.PostalItem,
                Direction = Direction.Export,
                HubCode = "POST",
                BookedAt = lodged.AddHours(-random.Next(1, 48)),
                ArrivedAt = lodged,
                OriginCountry = "NL",
                Route = new Route { PortOfLoading = "NLAMS", PortOfDischarge = destinations[destination], PlaceOfDelivery = destinations[destination] },
            };
            item.Parties.Add(new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignor, PartyId = senders[random.Next(senders.Count)].Id });
            item.Parties.Add(new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignee, PartyId = addressees[random.Next(addressees.Count)].Id });
            var pieces = 1 + random.Next(3);
            for (var line = 1; line <= pieces; line++)
            {
                var content = contents[random.Next(contents.Length)];
                var net = Math.Round(content.Kg * (0.5 + random.NextDouble()), 3);
                item.Goods.Add(new GoodsLine
                {
                    ConsignmentId = id,
                    LineNumber = line,
                    HsCode = content.Hs,
                    Description = content.Description,
                    Packages = 1 + random.Next(3),
                    PackageType = "",
                    GrossKg = 0,
                    NetKg = net,
                    ValueEur = Math.Round(net * content.EurPerKg, 2),
                });
            }

            item.TotalGrossKg = Math.Round(item.Goods.Sum(g => g.NetKg) + 0.15, 3);
            items.Add(item);
        }

        return (items, parties);

        List<Party> Pool(int size, string name, Func<int, string> country)
        {
            var pool = new List<Party>(size);
            for (var i = 0; i < size; i++)
            {
                var party = new Party { Id = Guid.CreateVersion7(), Name = string.Create(CultureInfo.InvariantCulture, $"{name} {i:D6}"), CountryCode = country(i), FirstSeen = start };
                pool.Add(party);
                parties[party.Id] = party;
            }

            return pool;
        }
    }

    /// <summary>A valid S10 id for serial <paramref name="serial"/>, with parcel service indicator CX.</summary>
    private static string S10(int serial)
    {
        var digits = serial.ToString("D8", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"CX{digits}{Domain.Standards.S10ItemId.CheckDigit(digits)}NL");
    }
}
