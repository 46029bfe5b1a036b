using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Ingest;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Ingest;

/// <summary>The ingest API as a terminal's system uses it: receipts, problem bodies, limits and who sees what.</summary>
public sealed class IngestApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Ingest:MaxUploadBytes"] = "20000" });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static StringContent Edifact(string text) => new(text, Encoding.Latin1, "application/EDIFACT");

    [Fact]
    public async Task A_terminal_system_with_the_ingest_scope_gets_a_receipt_it_can_read_back()
    {
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");

        using var response = await terminal.PostAsync("/api/v1/ingest/edifact?name=gate.edi", Edifact(IngestFiles.GateIn("API1")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<Receipts.ReceiptView>();
        Assert.Equal("Accepted", receipt!.Status);
        Assert.Equal("gate.edi", receipt.FileName);
        Assert.Equal(new ReceiptLine("CODECO", 1, 0, 0), Assert.Single(receipt.Lines));
        Assert.Equal($"/api/v1/ingest/receipts/{receipt.Id}", response.Headers.Location?.OriginalString);
        var again = await terminal.GetFromJsonAsync<Receipts.ReceiptView>(response.Headers.Location!.OriginalString);
        Assert.Equal(receipt.Id, again!.Id);

        await using var db = _host.Database.CreateContext();
        var stored = await db.ContainerEvents.SingleAsync(e => e.ContainerNumber == IngestFiles.Container);
        Assert.Equal(Portcullis.Domain.Cargo.ContainerEventType.GateIn, stored.Type);
        Assert.Equal("ECTDELTA", stored.Source);
    }

    [Fact]
    public async Task A_system_without_the_ingest_scope_is_refused()
    {
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "orders:read");
        using var response = await terminal.PostAsync("/api/v1/ingest/edifact", Edifact(IngestFiles.GateIn("API2")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Input_with_nothing_acceptable_gets_a_problem_body_naming_where_and_why()
    {
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");
        var text = IngestFiles.GateIn("API3").Replace("UNT+9+1'", "UNT+12+1'", StringComparison.Ordinal);

        using var response = await terminal.PostAsync("/api/v1/ingest/edifact", Edifact(text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("edifact.unt-count", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("12", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("segment", problem.RootElement.GetProperty("where").GetString(), StringComparison.Ordinal);
        var receiptId = problem.RootElement.GetProperty("receiptId").GetGuid();
        await using var db = _host.Database.CreateContext();
        Assert.Equal(receiptId, (await db.Quarantine.SingleAsync(q => q.ReceiptId == receiptId)).ReceiptId);
    }

    [Fact]
    public async Task An_upload_above_the_configured_limit_is_refused_with_413_and_nothing_is_kept()
    {
        using var terminal = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");
        var huge = IngestFiles.GateIn("API4").Replace("CNT+16:1'", "FTX+AAA+++" + new string('A', 30_000) + "'CNT+16:1'", StringComparison.Ordinal);

        using var response = await terminal.PostAsync("/api/v1/ingest/edifact", Edifact(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = _host.Database.CreateContext();
        Assert.Equal(0, await db.IngestReceipts.CountAsync());
    }

    [Fact]
    public async Task A_sender_sees_only_its_own_organisations_receipts_and_operators_see_all()
    {
        using var first = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");
        using var second = await _host.WithTokenAsync(Roles.TerminalPartner, "RTM", "ingest");
        using var response = await first.PostAsync("/api/v1/ingest/edifact", Edifact(IngestFiles.GateIn("API5")));
        var receipt = await response.Content.ReadFromJsonAsync<Receipts.ReceiptView>();

        // Both tokens belong to the test organisation, so both see it; an analyst of customs does not.
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/api/v1/ingest/receipts/{receipt!.Id}")).StatusCode);
        using var analyst = await _host.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/api/v1/ingest/receipts/{receipt.Id}")).StatusCode);
        Assert.DoesNotContain(receipt.Id.ToString(), await analyst.GetStringAsync("/api/v1/ingest/receipts"), StringComparison.Ordinal);
        using var supervisor = await _host.SignInAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/v1/ingest/receipts/{receipt.Id}")).StatusCode);
    }
}
