using System.CommandLine;
using System.Globalization;
using System.Text;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Imaging;

/// <summary>
/// `portcullis scan generate`: writes generated scans as 16-bit PNGs (dual energy: one file per
/// frame) with a separate ground-truth JSON per scan, and `list.csv` (or `pairs.csv`) naming them in
/// the columns the scan analysis commands read. No database is touched.
/// </summary>
public static class GenerateScans
{
    private static readonly string[] Kinds = ["container", "reefer", "parcel", "pair"];

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write the scans into (created if missing).", Required = true };
        var count = new Option<int>("--count") { Description = "Number of scans (pairs for --kind pair).", DefaultValueFactory = _ => 10 };
        var kind = new Option<string>("--kind") { Description = "container (20' and 40' dry), reefer, parcel or pair.", DefaultValueFactory = _ => "container" };
        var seed = new Option<int>("--seed") { Description = "First seed; scan i uses seed + i, so the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var concealed = new Option<double>("--concealed") { Description = "Share of scans with concealed drugs (0 to 1).", DefaultValueFactory = _ => 0.5 };
        kind.AcceptOnlyFromAmong(Kinds);
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                result.AddError("--count must be between 1 and 100000");
            }
        });
        concealed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 1)
            {
                result.AddError("--concealed must be between 0 and 1");
            }
        });
        var command = new Command("generate", "Writes generated radiographs (16-bit PNG) with separate ground-truth JSON; validated on generated scans only.") { output, count, kind, seed, concealed };
        command.SetAction((parse, cancellationToken) =>
        {
            var folder = parse.GetValue(output)!;
            var written = Write(folder, parse.GetValue(kind)!, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(concealed), cancellationToken);
            Console.WriteLine($"Wrote {written} scan(s) with their truth into {Path.GetFullPath(folder)}.");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Writes <paramref name="count"/> scans of <paramref name="kind"/>; returns how many.</summary>
    public static int Write(string folder, string kind, int count, int seed, double concealedShare, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var list = new StringBuilder(kind == "pair" ? "origin,arrival,origin_low,arrival_low,truth\n" : "file,low_file,kind,hs,iso_type,container_number,truth\n");
        ScannerSettings[] containerScanners = [ScannerSettings.Portal6MV, ScannerSettings.Mobile4MV, ScannerSettings.Gantry4And6MV];
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var s = seed + i;
            var name = string.Create(CultureInfo.InvariantCulture, $"{kind}-{s:D6}");
            var concealments = Share(s, concealedShare) ? 1 : 0;
            switch (kind)
            {
                case "pair":
                    {
                        var change = (PairChange)(s % 3);
                        var containerKind = s % 2 == 0 ? ContainerKind.Reefer40HighCube : ContainerKind.Dry40;
                        var pair = PairGenerator.Pair(s, containerKind, change, ScannerSettings.Mobile4MV, ScannerSettings.Portal6MV, cancellationToken: cancellationToken);
                        var (origin, originLow) = WriteFrames(folder, name + "-origin", pair.Origin);
                        var (arrival, arrivalLow) = WriteFrames(folder, name + "-arrival", pair.Arrival);
                        File.WriteAllText(Path.Combine(folder, name + "-truth.json"), pair.Truth.ToJson());
                        list.Append(CultureInfo.InvariantCulture, $"{origin},{arrival},{originLow},{arrivalLow},{name}-truth.json\n");
                        break;
                    }

                case "parcel":
                    {
                        var scan = ParcelGenerator.Random(s, drugShare: concealedShare, cancellationToken: cancellationToken);
                        var (file, low) = WriteFrames(folder, name, scan.Image);
                        File.WriteAllText(Path.Combine(folder, name + "-truth.json"), scan.Truth.ToJson());
                        list.Append(CultureInfo.InvariantCulture, $"{file},{low},parcel,,,,{name}-truth.json\n");
                        break;
                    }

                default:
                    {
                        var containerKind = kind == "reefer" ? ContainerKind.Reefer40HighCube : s % 2 == 0 ? ContainerKind.Dry20 : ContainerKind.Dry40;
                        var scanner = containerScanners[s % containerScanners.Length];
                        var scan = RadiographGenerator.Random(s, containerKind, scanner, concealments: concealments, cancellationToken: cancellationToken);
                        var (file, low) = WriteFrames(folder, name, scan.Image);
                        File.WriteAllText(Path.Combine(folder, name + "-truth.json"), scan.Truth.ToJson());
                        list.Append(CultureInfo.InvariantCulture, $"{file},{low},container,{Hs(scan.Truth.Commodity)},{scan.Truth.ContainerType},{scan.Truth.Subject},{name}-truth.json\n");
                        break;
                    }
            }
        }

        File.WriteAllText(Path.Combine(folder, kind == "pair" ? "pairs.csv" : "list.csv"), list.ToString());
        return count;
    }

    // Single energy: one file. Dual energy: the high frame is the scan's file, the low frame its low_file. Each file
    // says how its pixels encode transmission (tEXt DynamicRange and Encoding), as a scanner's export should: that
    // cannot be told from the pixels, and a parcel read as linear when it is log-encoded has the wrong material ratios.
    // Nothing else of the truth goes in: pitch, scanner and subject stay for the analysis to do without.
    private static (string File, string Low) WriteFrames(string folder, string name, ScanImage image)
    {
        var text = ScanPng.EncodingText(image.Metadata);
        if (image.Frames.Count == 1)
        {
            File.WriteAllBytes(Path.Combine(folder, name + ".png"), ScanPng.Write(image.Frames[0], text));
            return (name + ".png", "");
        }

        File.WriteAllBytes(Path.Combine(folder, name + "-low.png"), ScanPng.Write(image.Frames[0], text));
        File.WriteAllBytes(Path.Combine(folder, name + "-high.png"), ScanPng.Write(image.Frames[1], text));
        return (name + "-high.png", name + "-low.png");
    }

    // The HS heading a declaration for the commodity would carry (bananas 0803, pineapples 0804, cocoa 1801, ...).
    private static string Hs(string? commodity) => commodity switch
    {
        nameof(Commodity.Bananas) => "0803",
        nameof(Commodity.Pineapples) => "0804",
        nameof(Commodity.Cocoa) => "1801",
        nameof(Commodity.Machinery) => "8479",
        nameof(Commodity.Textiles) => "6109",
        nameof(Commodity.Timber) => "4407",
        _ => "",
    };

    private static bool Share(int seed, double share) => unchecked((uint)seed * 2654435761u) % 10_000 < share * 10_000;
}
