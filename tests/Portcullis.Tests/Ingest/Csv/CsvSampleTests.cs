using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Csv;
using static Portcullis.Tests.Ingest.Csv.CsvTestKit;

namespace Portcullis.Tests.Ingest.Csv;

public sealed class CsvSampleTests
{
    [Fact]
    public void Date_synthetic_sample_maps_every_row_with_labels_and_revenue()
    {
        var rows = Read(File.ReadAllBytes(SamplePath("date-synthetic.csv")), CsvMapping.Load(MappingPath("date-synthetic.yaml")));

        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.True(r.Accepted, r.Issue?.ToString()));
        var first = rows[0].Declaration!;
        // SGD100001,13-01-01,IMP120,DEC12,CN,OFF4,2204210000,25,656.6,48275.79,52137.85,10427.57,0,0
        Assert.Equal("SGD100001", first.Consignment.Reference);
        Assert.Equal(new DateTime(2013, 1, 1, 0, 0, 0, DateTimeKind.Utc), first.Consignment.BookedAt);
        Assert.Equal("RTM", first.Consignment.HubCode);
        Assert.Equal([(PartyRole.Consignee, "IMP120"), (PartyRole.Declarant, "DEC12")], first.Consignment.Parties.Select(p => (p.Role, p.Name)).ToList());
        Assert.Equal(new GoodsRecord(1, "2204210000", "", 25, null, 656.6, null, 52137.85), first.Consignment.Goods[0]);
        Assert.Equal("OFF4", first.Categorical["office"]);
        Assert.Equal(10427.57, first.Numeric["total_taxes"]);
        Assert.Equal(new OutcomeRecord(true, false, null, 0), first.Outcome);
        // Rows 4, 8, 13 and 19 are the illicit ones written into the sample.
        Assert.Equal([4L, 8L, 13L, 19L], rows.Where(r => r.Declaration!.Outcome!.Hit == true).Select(r => r.Row).ToList());
        Assert.Equal("0610910000", rows[1].Declaration!.Consignment.Goods[0].HsCode);
    }

    [Fact]
    public void Korean_customs_sample_maps_parties_countries_and_converts_krw()
    {
        var rows = Read(File.ReadAllBytes(SamplePath("kcs-declarations.csv")), CsvMapping.Load(MappingPath("kcs-customs-declarations.yaml")));

        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.True(r.Accepted, r.Issue?.ToString()));
        var d = rows[2].Declaration!;
        // 54246886,2020-01-07,40,B,11,21,43,40,BBR4QMW,2WXFOGO,4MVN4A4,DHL01,6907221000,VN,CN,5.2,FCN1,G,16693.1,239851.27,1,0
        Assert.Equal("54246886", d.Consignment.Reference);
        Assert.Equal(new DateTime(2020, 1, 7, 0, 0, 0, DateTimeKind.Utc), d.Consignment.BookedAt);
        Assert.Equal(
            [(PartyRole.Consignor, "4MVN4A4"), (PartyRole.Consignee, "2WXFOGO"), (PartyRole.Forwarder, "DHL01"), (PartyRole.Declarant, "BBR4QMW")],
            d.Consignment.Parties.Select(p => (p.Role, p.Name)).OrderBy(p => p.Role).ToList());
        Assert.Equal("CN", d.Consignment.OriginCountry);
        Assert.Equal("VN", d.Categorical[CsvMapping.DepartureCountryFeature]);
        Assert.Equal(16693.1, d.Consignment.Goods[0].NetKg);
        Assert.Equal(239851.27 * 0.00068, d.Consignment.Goods[0].ValueEur!.Value, 6);
        Assert.Equal(5.2, d.Numeric["tax_rate"]);
        Assert.Equal("FCN1", d.Categorical["tax_type"]);
        Assert.Equal(new OutcomeRecord(true, true, null, null), d.Outcome);
        Assert.Equal(3, rows.Count(r => r.Declaration!.Outcome!.Hit == true));
    }
}
