using System.Diagnostics;
using System.Globalization;
using System.Text;
using Portcullis.Ingest.Edifact;

namespace Portcullis.Bench;

/// <summary>
/// Throughput of the EDIFACT tokenizer and of the full reader on a synthetic CUSCAR-like file,
/// against a plain FileStream read of the same file in the same run.
/// </summary>
public static class EdifactTokenize
{
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var megabytes = 300;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] != "--mb" || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out megabytes))
            {
                Console.Error.WriteLine($"Unknown option '{args[i]}'; use --mb SIZE.");
                return 2;
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"portcullis-edifact-{Environment.ProcessId}.edi");
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var (bytes, messages) = Generate(path, (long)megabytes << 20);
            Console.WriteLine($"generated {bytes / 1e6:F0} MB, {messages:N0} messages in {stopwatch.Elapsed.TotalSeconds:F1} s: {path}");

            var plain = Measure("FileStream read", bytes, () =>
            {
                using var stream = Open(path);
                var buffer = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = stream.Read(buffer)) > 0)
                {
                    total += n;
                }

                return total;
            });
            var tokenizer = Measure("tokenizer", bytes, () =>
            {
                using var stream = Open(path);
                var t = new EdifactTokenizer(stream);
                long tokens = 0;
                while (t.Read())
                {
                    tokens += t.Tokens.Length;
                }

                return tokens;
            });
            var reader = Measure("EdifactReader", bytes, () =>
            {
                using var stream = Open(path);
                long read = 0;
                foreach (var item in EdifactReader.Read(stream))
                {
                    read += item is MessageRead m ? m.Message.Segments.Count : 0;
                }

                return read;
            });
            Console.WriteLine($"tokenizer at {tokenizer / plain:P0} of FileStream speed, EdifactReader at {reader / plain:P0}");
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    private static double Measure(string what, long bytes, Func<long> run)
    {
        // CPU time next to wall time: on a shared machine the wall clock also counts waiting for a core.
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var count = run();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var rate = bytes / 1e6 / seconds;
        Console.WriteLine($"{what,-16} {rate,8:F0} MB/s wall ({seconds:F2} s), {bytes / 1e6 / cpu,8:F0} MB per CPU-second ({cpu:F2} s), {count:N0} counted");
        return rate;
    }

    private static (long Bytes, long Messages) Generate(string path, long size)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return Generate(file, size);
    }

    /// <summary>Interchanges of 500 CUSCAR-like messages each until the output reaches the size; the same bytes for the same size.</summary>
    internal static (long Bytes, long Messages) Generate(Stream file, long size)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(file, Encoding.Latin1, 1 << 20, leaveOpen: true);
        long messages = 0;
        var interchange = 0;
        var text = new StringBuilder();
        while (file.Position < size)
        {
            interchange++;
            writer.Write($"UNA:+.? '\nUNB+UNOC:3+CARRIER:ZZ+NLCUSTOMS:ZZ+250303:1200+IC{interchange}'\n");
            for (var m = 1; m <= 500; m++)
            {
                messages++;
                text.Clear();
                var segments = 0;
                void Segment(string s)
                {
                    text.Append(s).Append("'\n");
                    segments++;
                }

                Segment($"UNH+M{m}+CUSCAR:D:95B:UN");
                Segment($"BGM+85+MF{random.Next(1_000_000):D7}+9");
                Segment("DTM+137:202503031200:203");
                Segment("TDT+20+V123W+1++MSC:172:20+++9876543:146:11:MSC ANNA");
                Segment("LOC+5+CNSHA:139:6");
                Segment("LOC+60+NLRTM:139:6");
                for (var c = 0; c < 4; c++)
                {
                    Segment($"CNI+{c + 1}+BL{random.Next(1_000_000):D7}");
                    Segment("NAD+CZ+++SHANGHAI EXPORT CO?, LTD+88 HUAIHAI ROAD+SHANGHAI++200000+CN");
                    Segment("NAD+CN+++ROTTERDAM IMPORT B.V.+WAALHAVEN Z.Z. 1+ROTTERDAM++3089JH+NL");
                    Segment($"GID+1+{random.Next(1, 900)}:CT");
                    Segment("FTX+AAA+++FROZEN FISH FILLETS:HS 030489");
                    Segment($"MEA+AAE+G+KGM:{random.Next(100, 28000)}");
                    Segment($"EQD+CN+MSCU{random.Next(1_000_000):D6}{random.Next(10)}+45G1:102:5+2+5");
                }

                Segment($"UNT+{segments + 1}+M{m}");
                writer.Write(text);
            }

            writer.Write($"UNZ+500+IC{interchange}'\n");
            writer.Flush();
        }

        return (file.Length, messages);
    }
}
