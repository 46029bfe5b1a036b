using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Ingest;
using Portcullis.Ingest.Dcsa;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>DCSA events pushed by a publisher's callback and uploaded as files, into the database.</summary>
public sealed class DcsaIngestTests : IAsyncLifetime
{
    private const string Secret = "shared-with-the-carrier";
    private ApiHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ingest:DcsaSharedSecret"] = Secret });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static HttpRequestMessage Callback(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dcsa/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(DcsaSignature.HeaderName, signature);
        }

        return request;
    }

    [Fact]
    public async Task A_signed_callback_lands_once_and_a_resend_is_a_duplicate()
    {
        var body = IngestFiles.DcsaGateIn("carrier-event-1");
        var signature = DcsaSignature.Compute(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(Secret));
        using var publisher = _host.Anonymous();

        using var first = await publisher.SendAsync(Callback(body, signature));
        using var again = await publisher.SendAsync(Callback(body, signature));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("Accepted", (await first.Content.ReadFromJsonAsync<Receipts.ReceiptView>())!.Status);
        Assert.Equal("Duplicate", (await again.Content.ReadFromJsonAsync<Receipts.ReceiptView>())!.Status);
        await using var db = _host.Database.CreateContext();
        var stored = await db.ContainerEvents.SingleAsync();
        Assert.Equal(ContainerEventType.GateIn, stored.Type);
        Assert.Equal(IngestFiles.Container, stored.ContainerNumber);
        Assert.Equal("NLRTM", stored.UnLocode);
    }

    [Theory]
    [InlineData(null, "dcsa.signature-missing")]
    [InlineData("sha256=00", "dcsa.signature-malformed")]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000", "dcsa.signature-mismatch")]
    [InlineData("nonsense", "dcsa.signature-malformed")]
    public async Task An_unsigned_or_wrongly_signed_callback_is_refused_and_nothing_is_kept(string? signature, string code)
    {
        using var publisher = _host.Anonymous();

        using var response = await publisher.SendAsync(Callback(IngestFiles.DcsaGateIn("forged-1"), signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = _host.Database.CreateContext();
        Assert.Equal(0, await db.ContainerEvents.CountAsync());
        Assert.Equal(0, await db.IngestReceipts.CountAsync());
    }

    [Fact]
    public async Task A_tampered_body_does_not_match_its_signature()
    {
        var body = IngestFiles.DcsaGateIn("carrier-event-2");
        var signature = DcsaSignature.Compute(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(Secret));
        using var publisher = _host.Anonymous();

        using var response = await publisher.SendAsync(Callback(body.Replace("NLRTM", "NLVLI", StringComparison.Ordinal), signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_broken_event_is_quarantined_alone_as_its_own_json()
    {
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");
        var good = IngestFiles.DcsaGateIn("upload-good").Trim().TrimStart('[').TrimEnd(']');
        var bad = IngestFiles.DcsaGateIn("upload-bad").Trim().TrimStart('[').TrimEnd(']').Replace(IngestFiles.Container, "MSCU1234560-TOO-LONG-FOR-ANY-LIST", StringComparison.Ordinal);

        using var response = await terminal.PostAsync("/api/v1/ingest/dcsa/events", new StringContent($"[{good},{bad}]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<Receipts.ReceiptView>();
        Assert.Equal("PartlyRejected", receipt!.Status);
        await using var db = _host.Database.CreateContext();
        Assert.Equal(1, await db.ContainerEvents.CountAsync());
        var quarantined = await db.Quarantine.SingleAsync();
        Assert.Equal("upload-bad", quarantined.Reference);
        var payload = Encoding.UTF8.GetString(quarantined.Payload!);
        Assert.StartsWith("{", payload, StringComparison.Ordinal);
        Assert.Contains("upload-bad", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("upload-good", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_DCSA_v3_example_container_APNR7744962_is_stored_as_sent_with_a_warning_on_the_receipt()
    {
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");
        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ingest", "Dcsa", "Examples", "tnt-v3", "v3-events-droppickexample.json"));
        // The example gives both its events the same eventID; the PICK gets its own so it is not a duplicate of the DROP.
        const string Id = "3ac63340-3f64-434b-8410-67942a2cef21";
        var last = example.LastIndexOf(Id, StringComparison.Ordinal);
        example = example[..last] + "pick-APNR7744962" + example[(last + Id.Length)..];

        using var response = await terminal.PostAsync("/api/v1/ingest/dcsa/events", new StringContent(example, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<Receipts.ReceiptView>();
        Assert.Equal(0, receipt!.Rejected);
        Assert.Contains(receipt.Issues, i => i.Severity == "warning" && i.Message.Contains("APNR7744962", StringComparison.Ordinal));
        await using var db = _host.Database.CreateContext();
        var pick = await db.ContainerEvents.SingleAsync(e => e.ContainerNumber == "APNR7744962");
        Assert.Equal(ContainerEventType.GateOut, pick.Type);
        Assert.Equal("pick-APNR7744962", pick.ExternalId);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_its_line_and_column()
    {
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");

        using var response = await terminal.PostAsync("/api/v1/ingest/dcsa/events", new StringContent("[{\"eventID\": \"x\",\n  \"eventType\": }]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("line 2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_broken_after_thousands_of_good_events_stores_none_of_them()
    {
        // Parsing hands batches to storage while it reads on, so the break comes after rows were staged.
        var events = Enumerable.Range(0, 12_000).Select(i => new ContainerEvent
        {
            Id = Guid.CreateVersion7(),
            ContainerNumber = Portcullis.Domain.Standards.ContainerNumber.Create("MSC", 'U', i).Value,
            Type = ContainerEventType.GateIn,
            OccurredAt = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc).AddSeconds(i),
            UnLocode = "NLRTM",
            Facility = "ECTDELTA",
            Source = "ECT",
        }).ToList();
        using var stream = new MemoryStream();
        DcsaEventWriter.Write(stream, events);
        var folder = IngestFiles.Folder();
        var path = Path.Combine(folder, "events.json");
        var json = stream.ToArray();
        await File.WriteAllBytesAsync(path, json[..(json.Length - 40)], TestContext.Current.CancellationToken);

        var receipt = await new IngestPipeline(_host.Database, TimeProvider.System, new IngestOptions())
            .IngestDcsaAsync(path, new IngestOrigin("test", FileName: "events.json"), TestContext.Current.CancellationToken);

        Assert.Equal(ReceiptStatus.Rejected, receipt.Status);
        Assert.Equal(1, receipt.Rejected);
        Assert.Equal(0, receipt.Accepted);
        await using var db = _host.Database.CreateContext();
        Assert.Equal(0, await db.ContainerEvents.CountAsync(TestContext.Current.CancellationToken));
        var quarantined = await db.Quarantine.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(json.Length - 40, quarantined.Payload!.Length);
        Directory.Delete(folder, recursive: true);
    }
}
