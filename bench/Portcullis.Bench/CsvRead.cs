using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using Portcullis.Ingest.Csv;

namespace Portcullis.Bench;

/// <summary>
/// Rows per second mapping a generated declaration CSV through a mapping file, against a plain
/// CsvHelper read of the same file that only turns every field into a string.
/// </summary>
public static class CsvRead
{
    private const string Mapping = """
        delimiter: ","
        declaration_id: sgd.id
        date: {column: sgd.date, formats: [yy-MM-dd]}
        hub: RTM
        parties: {importer: importer.id, declarant: declarant.id}
        hs_code: tariff.code
        hs_digits: 6
        origin_country: country
        gross_mass: gross.weight
        value: cif.value
        packages: quantity
        categorical: {office: office.id}
        numeric: {fob_value: fob.value, total_taxes: total.taxes}
        outcome: {all_inspected: true, hit: illicit, revenue: revenue}
        """;

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rows = args.Length >= 2 && args[0] == "--rows" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var path = Path.Combine(Path.GetTempPath(), $"portcullis-csv-read-{Environment.ProcessId}.csv");
        try
        {
            Generate(path, rows);
            var mapping = CsvMapping.Load(new StringReader(Mapping));
            Console.WriteLine($"csv-read: {rows:N0} rows, {new FileInfo(path).Length / 1e6:F1} MB");
            var plain = Time("plain CsvHelper (every field as string)", () => Plain(path));
            var mapped = Time("mapped to DeclarationRecord", () => Mapped(path, mapping));
            Console.WriteLine($"plain/mapped = {plain / mapped:F2}x (mapping keeps {mapped / plain:P0} of the plain read's throughput)");
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Time(string what, Func<long> read)
    {
        read(); // warm-up: JIT and file cache
        var stopwatch = Stopwatch.StartNew();
        var count = read();
        var perSecond = count / stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"  {what,-42} {count,10:N0} rows in {stopwatch.Elapsed.TotalSeconds,6:F2} s = {perSecond,12:N0} rows/s");
        return perSecond;
    }

    private static long Plain(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',', PoolStrings = true }, leaveOpen: false);
        long count = 0, chars = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                chars += reader.GetString(i)?.Length ?? 0;
            }

            count++;
        }

        return chars > 0 ? count : 0;
    }

    private static long Mapped(string path, CsvMapping mapping)
    {
        using var stream = File.OpenRead(path);
        long count = 0;
        foreach (var row in CsvDeclarationReader.Read(stream, mapping))
        {
            count += row.Accepted ? 1 : 0;
        }

        return count;
    }

    private static void Generate(string path, int rows)
    {
        var random = new Random(42);
        string[] countries = ["CN", "US", "IN", "DE", "NG", "BR", "VN", "TR", "EC", "CO"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,gross.weight,fob.value,cif.value,total.taxes,illicit,revenue\n");
        var line = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            var fob = random.NextDouble() * 90_000;
            var illicit = random.Next(20) == 0;
            line.Clear().Append(CultureInfo.InvariantCulture,
                $"SGD{i},{13 + i / 400_000:00}-{1 + (i / 30_000) % 12:00}-{1 + (i / 1000) % 28:00},IMP{random.Next(50_000)},DEC{random.Next(2_000)},");
            line.Append(CultureInfo.InvariantCulture,
                $"{countries[random.Next(countries.Length)]},OFF{random.Next(20)},{random.Next(100_000_000, 999_999_999)}0,{random.Next(1, 500)},");
            line.Append(CultureInfo.InvariantCulture,
                $"{random.NextDouble() * 9000:F1},{fob:F2},{fob * 1.08:F2},{fob * 0.2:F2},{(illicit ? 1 : 0)},{(illicit ? fob * 0.1 : 0):F2}\n");
            writer.Write(line);
        }
    }
}
