using System.Text.Json;
using Portcullis.Hosting;
using Portcullis.Imaging;
using Portcullis.Imaging.Synthesis;

namespace Portcullis.Tests.Imaging;

public sealed class GenerateScansTests
{
    [Fact]
    public async Task Scan_generate_writes_16_bit_pngs_truth_json_and_a_list()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portcullis-generate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exit = await PortcullisCli.RunAsync(["scan", "generate", "--out", folder, "--count", "2", "--kind", "parcel", "--seed", "5", "--concealed", "1"]);
            Assert.Equal(0, exit);

            // Parcels are dual energy: a low and a high PNG per scan, the high one is the list's file.
            var lines = File.ReadAllLines(Path.Combine(folder, "list.csv"));
            Assert.Equal("file,low_file,kind,hs,iso_type,container_number,truth", lines[0]);
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("parcel-000005-high.png,parcel-000005-low.png,parcel,", lines[1], StringComparison.Ordinal);

            var read = ScanReader.Read(File.ReadAllBytes(Path.Combine(folder, "parcel-000005-high.png")));
            Assert.Null(read.Error);
            var truth = JsonSerializer.Deserialize<ScanTruth>(File.ReadAllText(Path.Combine(folder, "parcel-000005-truth.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            Assert.Equal(read.Image!.Width, truth.Width);
            Assert.Single(truth.Concealments);

            // The file says how its pixels encode transmission, with the range the truth records; nothing else of the truth.
            Assert.Equal(truth.DynamicRange, double.Parse(read.Image.Metadata.Text["DynamicRange"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.StartsWith("log transmission", read.Image.Metadata.Text["Encoding"], StringComparison.Ordinal);
            Assert.Null(read.Image.Metadata.PixelSpacingX);
            Assert.Null(read.Image.Metadata.Subject);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Scan_generate_refuses_an_unknown_kind_with_exit_code_2()
    {
        var exit = await PortcullisCli.RunAsync(["scan", "generate", "--out", Path.GetTempPath(), "--kind", "truck"]);
        Assert.Equal(2, exit);
    }
}
