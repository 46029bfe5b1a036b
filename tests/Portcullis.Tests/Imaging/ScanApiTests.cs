using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenCvSharp;
using Portcullis.Access;
using Portcullis.Imaging;
using Portcullis.Selection;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Imaging;

/// <summary>Scans in through <c>POST /api/v1/scans</c>: stored once, previewed, audited, announced; refused whole; linked to their control.</summary>
public sealed class ScanApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<(ApiHost Host, string Store)> StartAsync(Provider provider = Provider.Sqlite, long maxFileBytes = 0)
    {
        var store = Directory.CreateTempSubdirectory("portcullis-scans-").FullName;
        var settings = new Dictionary<string, string?> { ["Imaging:StoreFolder"] = store };
        if (maxFileBytes > 0)
        {
            settings["Imaging:MaxFileBytes"] = maxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return (await ApiHost.StartAsync(provider, settings: settings), store);
    }

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())?.Detail ?? "";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_scanner_token_stores_a_scan_once_with_its_preview_audit_entry_and_event(Provider provider)
    {
        var (host, store) = await StartAsync(provider);
        await using var _ = host;
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        var png = ScanUploadFixtures.Png(2400, 60);

        using var first = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(png, new Dictionary<string, string> { ["subject"] = "tstu 100001-9", ["site"] = "nlrtm", ["direction"] = "north" }));
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var receipt = (await first.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!;
        Assert.Equal("TSTU1000019", receipt.Subject);
        Assert.Equal("Container", receipt.SubjectKind);
        Assert.Equal("Own", receipt.Origin);
        Assert.Null(receipt.Partner);
        Assert.Equal("NLRTM", receipt.Site);
        Assert.Equal((2400, 60, 1), (receipt.Width, receipt.Height, receipt.Frames));
        Assert.Equal("request", receipt.Sources["subject"]);
        Assert.Equal("received", receipt.Sources["scannedAt"]);
        Assert.Equal("sender", receipt.Sources["scanner"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), Assert.Single(receipt.FileHashes));
        Assert.Empty(receipt.Warnings);

        using var again = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(png, new Dictionary<string, string> { ["subject"] = "TSTU1000019" }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = (await again.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!;
        Assert.True(repeated.Duplicate);
        Assert.Equal(receipt.Id, repeated.Id);
        Assert.Single(ScanUploadFixtures.Originals(store));

        await using (var db = host.Database.CreateContext())
        {
            Assert.Equal(1, await db.Scans.CountAsync(TestContext.Current.CancellationToken));
            var audit = await db.Audit.Where(a => a.Action == "scan.stored").ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal("container TSTU1000019", Assert.Single(audit).Subject);
            Assert.Single(await db.Outbox.Where(m => m.Type == "imaging.scan.stored").ToListAsync(TestContext.Current.CancellationToken));
        }

        // The preview: 8-bit, at most 1200 wide, the ramp rising left to right and the dense block dark.
        using var analyst = await host.SignInAsync("scananalyst");
        var preview = await analyst.GetByteArrayAsync($"/api/v1/scans/{receipt.Id}/preview", TestContext.Current.CancellationToken);
        using var image = Cv2.ImDecode(preview, ImreadModes.Unchanged);
        Assert.Equal((1200, 30), (image.Cols, image.Rows));
        Assert.Equal(MatType.CV_8UC1, image.Type());
        Assert.True(image.At<byte>(2, 1190) > 240 && image.At<byte>(2, 10) < 15, $"ends {image.At<byte>(2, 10)} and {image.At<byte>(2, 1190)}");
        Assert.True(image.At<byte>(15, 500) < 15, "the dense block is dark");
    }

    [Fact]
    public async Task Dual_energy_as_low_and_high_files_is_one_scan_with_two_hashes_and_two_frames()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        using var inspector = await host.SignInAsync("inspector");
        var low = ScanUploadFixtures.Png(300, 20, 2000, 30000);
        var high = ScanUploadFixtures.Png(300, 20, 5000, 50000);

        using var response = await inspector.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(new Dictionary<string, byte[]> { ["low"] = low, ["high"] = high }, new Dictionary<string, string> { ["subject"] = "TSTU1000019", ["scanner"] = "RTM-HCVM-2" }));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = (await response.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!;
        Assert.Equal(2, receipt.Frames);
        Assert.Equal([Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(low)), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(high))], receipt.FileHashes);
        Assert.Equal("RTM-HCVM-2", receipt.Scanner);
        Assert.Equal("request", receipt.Sources["scanner"]);
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task Bad_uploads_are_refused_in_one_sentence_and_leave_no_row_and_no_file()
    {
        var (host, store) = await StartAsync(maxFileBytes: 20_000);
        await using var _ = host;
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        var good = ScanUploadFixtures.Png(100, 20);
        var corrupt = good[..40].Concat(new byte[200]).ToArray();
        var subject = new Dictionary<string, string> { ["subject"] = "TSTU1000019" };

        using var empty = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(Array.Empty<byte>(), subject));
        using var broken = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(corrupt, subject));
        using var halfway = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(new Dictionary<string, byte[]> { ["low"] = good, ["high"] = corrupt }, subject));
        using var tooLarge = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(ScanUploadFixtures.Noise(600, 400), subject));
        using var noFile = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(new Dictionary<string, byte[]>(), subject));
        using var notAContainer = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(good, new Dictionary<string, string> { ["subject"] = "pallet 7" }));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("'file.png': The file is empty; send the scanner's DICOM, 16-bit PNG or 16-bit TIFF file.", await DetailOf(empty));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.StartsWith("'file.png': ", await DetailOf(broken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, halfway.StatusCode);
        Assert.StartsWith("'high.png': ", await DetailOf(halfway), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("20000 bytes", await DetailOf(tooLarge), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("The form has no scan; send the image as the multipart part 'file', or as 'low' and 'high' for dual energy.", await DetailOf(noFile));
        Assert.Equal(HttpStatusCode.BadRequest, notAContainer.StatusCode);
        Assert.Contains("is not a container number", await DetailOf(notAContainer), StringComparison.Ordinal);

        Assert.Empty(ScanUploadFixtures.Originals(store));
        await using var db = host.Database.CreateContext();
        Assert.Equal(0, await db.Scans.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Audit.CountAsync(a => a.Action == "scan.stored", TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task Tokens_send_only_as_what_they_are()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        using var reader = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.Read);
        using var partner = await host.WithTokenAsync(Roles.PartnerAgency, "*", TokenScopes.ScansPartner);
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        using var partnerWithScannerScope = await host.WithTokenAsync(Roles.PartnerAgency, "*", TokenScopes.ScansWrite);
        var png = ScanUploadFixtures.Png(100, 20);
        Dictionary<string, string> Fields(string? origin) => origin is null ? new() { ["subject"] = "TSTU1000019" } : new() { ["subject"] = "TSTU1000019", ["origin"] = origin };

        using var wrongScope = await reader.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(png, Fields(null)));
        using var partnerAsOwn = await partner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(png, Fields("own")));
        using var ownAsPartner = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(png, Fields("partner")));
        using var partnerWithoutItsScope = await partnerWithScannerScope.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(png, Fields(null)));
        using var partnerScan = await partner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(png, Fields("partner")));

        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partnerAsOwn.StatusCode);
        Assert.Equal("A partner administration's token sends the partner's scans; it cannot send them as customs' own (origin own).", await DetailOf(partnerAsOwn));
        Assert.Equal(HttpStatusCode.Forbidden, ownAsPartner.StatusCode);
        Assert.Contains("scans:partner", await DetailOf(ownAsPartner), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, partnerWithoutItsScope.StatusCode);
        Assert.Equal(HttpStatusCode.Created, partnerScan.StatusCode);
        var receipt = (await partnerScan.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!;
        Assert.Equal(("Partner", "Test organisation"), (receipt.Origin, receipt.Partner));

        // A sender reads back its own receipt, not another sender's.
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/scans/{receipt.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scanner.GetAsync($"/api/v1/scans/{receipt.Id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_check_digit_that_fails_is_kept_as_given_with_a_warning()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);

        using var response = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(ScanUploadFixtures.Png(100, 20), new Dictionary<string, string> { ["subject"] = "tstu1000018" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!;
        Assert.Equal("TSTU1000018", receipt.Subject);
        Assert.Equal("The container number TSTU1000018 fails its ISO 6346 check digit; kept as the scanner gave it, check it against the manifest.", Assert.Single(receipt.Warnings));
    }

    [Fact]
    public async Task A_partner_scan_of_an_unknown_container_waits_becomes_visible_on_the_container_and_is_linked_when_the_unit_is_selected()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        var container = Portcullis.Domain.Standards.ContainerNumber.Create("TSTU", 'U', 700_001).Value;
        using var partner = await host.WithTokenAsync(Roles.PartnerAgency, "*", TokenScopes.ScansPartner);
        using var stored = await partner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(ScanUploadFixtures.Png(100, 20), new Dictionary<string, string> { ["subject"] = container, ["site"] = "BRSSZ", ["scannedAt"] = DateTime.UtcNow.AddDays(-12).ToString("O") }));
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
        var id = (await stored.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!.Id;

        using var analyst = await host.SignInAsync("scananalyst");
        var before = (await analyst.GetFromJsonAsync<GetScans.ScanView>($"/api/v1/scans/{id}", Json, TestContext.Current.CancellationToken))!;
        Assert.Equal((false, true, "Partner", "BRSSZ"), (before.ContainerKnown, before.Waiting, before.Origin, before.Site));

        // The manifest arrives: the container is known, the scan shows on it.
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "ZWB", DateTime.UtcNow.AddDays(1), 700_001);
        Assert.Equal(container, seeded.ContainerNumber);
        var onContainer = (await analyst.GetFromJsonAsync<List<GetScans.ScanView>>($"/api/v1/scans?container={container.ToLowerInvariant()}", Json, TestContext.Current.CancellationToken))!;
        Assert.Equal((id, true), (Assert.Single(onContainer).Id, onContainer[0].ContainerKnown));
        Assert.Contains(id, (await analyst.GetFromJsonAsync<List<GetScans.ScanView>>("/api/v1/scans?waiting=true", Json, TestContext.Current.CancellationToken))!.Select(s => s.Id));

        // The unit is selected: selection.created links the waiting scan to the control.
        using var targeting = await host.SignInAsync("analyst");
        using var selected = await targeting.PostAsJsonAsync("/api/v1/selections", new { hub = "ZWB", unit = container, reason = "Origin scan from the partner pilot shows an anomaly." }, TestContext.Current.CancellationToken);
        Assert.True(selected.StatusCode == HttpStatusCode.Created, await selected.Content.ReadAsStringAsync());
        var selection = (await selected.Content.ReadFromJsonAsync<GetSelections.SelectionView>(Json))!;
        await using var db = host.Database.CreateContext();
        var linked = await db.Scans.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(selection.Id, linked.SelectionId);
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == "scan.linked" && a.Actor == ScanLinker.Actor, TestContext.Current.CancellationToken));
        var detail = (await targeting.GetFromJsonAsync<GetSelections.SelectionDetail>($"/api/v1/selections/{selection.Id}", Json, TestContext.Current.CancellationToken))!;
        Assert.Equal([id], detail.Selection.ScanIds);

        // Linked, the partner still reads its receipt, but never learns of the control.
        var receipt = await partner.GetStringAsync($"/api/v1/scans/{id}", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(selection.Id.ToString(), receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scan_step_links_stored_scans_of_the_unit_and_refuses_others_while_a_free_text_reference_still_works()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        var now = DateTime.UtcNow;
        var unit = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now, 700_101);
        var other = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now, 700_102);
        var withScans = await SelectionFixtures.AddSelectionAsync(host.Database, unit, now.AddMinutes(-5), now.AddHours(1));
        var withReference = await SelectionFixtures.AddSelectionAsync(host.Database, other, now.AddMinutes(-5), now.AddHours(1));
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        async Task<Guid> StoreAsync(string container, ushort top) =>
            (await (await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(ScanUploadFixtures.Png(100, 20, 1000, top), new Dictionary<string, string> { ["subject"] = container }))).Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!.Id;
        var ofUnit = await StoreAsync(unit.ContainerNumber, 40000);
        var ofOther = await StoreAsync(other.ContainerNumber, 41000);
        using var analyst = await host.SignInAsync("scananalyst");

        using var wrongUnit = await analyst.PostAsJsonAsync($"/api/v1/selections/{withScans}/scan", new { version = 1, scanIds = new[] { ofOther } }, TestContext.Current.CancellationToken);
        using var unknown = await analyst.PostAsJsonAsync($"/api/v1/selections/{withScans}/scan", new { version = 1, scanIds = new[] { Guid.NewGuid() } }, TestContext.Current.CancellationToken);
        using var nothing = await analyst.PostAsJsonAsync($"/api/v1/selections/{withScans}/scan", new { version = 1 }, TestContext.Current.CancellationToken);
        using var linked = await analyst.PostAsJsonAsync($"/api/v1/selections/{withScans}/scan", new { version = 1, scanIds = new[] { ofUnit } }, TestContext.Current.CancellationToken);
        using var byReference = await analyst.PostAsJsonAsync($"/api/v1/selections/{withReference}/scan", new { version = 1, scanReference = "RTM-HCVM-1 image 4711" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, wrongUnit.StatusCode);
        Assert.Equal($"Scan {ofOther} is not a stored scan of {unit.ContainerNumber} that this control may take; give the ids of this unit's scans (GET /api/v1/scans?container={unit.ContainerNumber}).", await DetailOf(wrongUnit));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.True(linked.StatusCode == HttpStatusCode.OK, await linked.Content.ReadAsStringAsync());
        var view = (await linked.Content.ReadFromJsonAsync<GetSelections.SelectionView>(Json))!;
        Assert.Equal("Scanned", view.State);
        Assert.Equal([ofUnit], view.ScanIds!);
        Assert.Equal(HttpStatusCode.OK, byReference.StatusCode);
        await using var db = host.Database.CreateContext();
        Assert.Equal(withScans, (await db.Scans.SingleAsync(s => s.Id == ofUnit, TestContext.Current.CancellationToken)).SelectionId);
        Assert.Null((await db.Scans.SingleAsync(s => s.Id == ofOther, TestContext.Current.CancellationToken)).SelectionId);
        Assert.Equal("RTM-HCVM-1 image 4711", (await db.Selections.SingleAsync(s => s.Id == withReference, TestContext.Current.CancellationToken)).ScanReference);
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task An_original_altered_on_disk_is_named_with_the_fix_and_never_previewed()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        var id = (await (await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(ScanUploadFixtures.Png(100, 20), new Dictionary<string, string> { ["subject"] = "TSTU1000019" }))).Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!.Id;
        using var analyst = await host.SignInAsync("scananalyst");
        Directory.Delete(Path.Combine(store, "derived"), recursive: true);
        // A missing preview is rebuilt from the original.
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/scans/{id}/preview", TestContext.Current.CancellationToken)).StatusCode);

        Directory.Delete(Path.Combine(store, "derived"), recursive: true);
        var original = Assert.Single(ScanUploadFixtures.Originals(store));
        var bytes = await File.ReadAllBytesAsync(original, TestContext.Current.CancellationToken);
        bytes[^20] ^= 0xFF;
        await File.WriteAllBytesAsync(original, bytes, TestContext.Current.CancellationToken);
        using var damaged = await analyst.GetAsync($"/api/v1/scans/{id}/preview", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, damaged.StatusCode);
        var detail = await DetailOf(damaged);
        Assert.StartsWith($"Scan {id} of TSTU1000019: ", detail, StringComparison.Ordinal);
        Assert.EndsWith("must be restored from the backup.", detail, StringComparison.Ordinal);
    }
}
