using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Portcullis.Integrity.Readings;

namespace Portcullis.Bench.Micro;

/// <summary>
/// The reading reader's hot path, the one every MQTT message takes: one Portcullis reading per
/// message, and a gateway's array of 100; a DCSA Reefer event for comparison (read through a
/// JsonDocument, not the one-pass reader).
/// </summary>
[MemoryDiagnoser]
public class ReadingReaderBenchmarks
{
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    private byte[] _one = [];
    private byte[] _hundred = [];
    private byte[] _reefer = [];

    [GlobalSetup]
    public void Setup()
    {
        static string Reading(int n) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"device":"ACME:{{n % 5000}}","id":"{{n}}","time":"2026-12-06T09:00:00Z","kind":"reefer","value":-18.{{n % 10}},"setPoint":-18,"container":"MSCU1234566","lat":51.9,"lon":4.1,"battery":80}""");
        _one = Encoding.UTF8.GetBytes(Reading(1));
        _hundred = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 100).Select(Reading)) + "]");
        _reefer = Encoding.UTF8.GetBytes("""{"metadata":{"eventID":"e1","eventType":"REEFER","publisher":{"carrierCode":"CMA"}},"payload":{"eventClassifierCode":"ACT","eventDateTime":"2026-12-06T09:00:00Z","reeferEventTypeCode":"MEAS","measurements":{"temperature":-17.9,"temperatureUnit":"CEL"},"setpoints":{"temperature":-18,"temperatureUnit":"CEL"},"geoLocation":{"latitude":48.85,"longitude":2.29},"equipmentReference":"APZU4812090"}}""");
    }

    [Benchmark(Baseline = true)]
    public int OneReading() => ReadingReader.Read(_one, Now).Readings.Count;

    [Benchmark(OperationsPerInvoke = 100)]
    public int HundredPerMessage() => ReadingReader.Read(_hundred, Now).Readings.Count;

    [Benchmark]
    public int DcsaReefer() => ReadingReader.Read(_reefer, Now).Readings.Count;
}
