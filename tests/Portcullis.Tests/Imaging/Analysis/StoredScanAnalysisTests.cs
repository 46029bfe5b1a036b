using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Imaging;
using Portcullis.Imaging.Analysis;
using Portcullis.Imaging.Synthesis;
using Portcullis.Tests.Infrastructure;
using AnalysisKind = Portcullis.Imaging.Analysis.ScanSubjectKind;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>
/// Stored scans are analysed by the job on <c>imaging.scan.stored</c>; a partner's origin scan and our
/// arrival scan of one container are compared; the outcome (result or refusal) is stored, answered by
/// the API and drawn by the viewer exactly as <see cref="ScanAnalyzer"/> gives it on the same images.
/// </summary>
public sealed class StoredScanAnalysisTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_origin_and_an_arrival_scan_are_analysed_compared_stored_and_answered_as_the_analyser_gives_them(Provider provider)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var store = Directory.CreateTempSubdirectory("portcullis-analysis-scans-").FullName;
        await using var host = await ApiHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["Imaging:StoreFolder"] = store });
        var container = Portcullis.Domain.Standards.ContainerNumber.Create("TSTU", 'U', 810_001).Value;
        var pair = PairGenerator.Pair(31, ContainerKind.Dry40, PairChange.Added, ScannerSettings.Mobile4MV, ScannerSettings.Portal6MV, cancellationToken: cancellationToken);

        using var partner = await host.WithTokenAsync(Roles.PartnerAgency, "*", TokenScopes.ScansPartner);
        var originId = await UploadAsync(partner, pair.Origin, container, DateTime.UtcNow.AddDays(-12));
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        var arrivalId = await UploadAsync(scanner, pair.Arrival, container, DateTime.UtcNow.AddHours(-1));

        // As the analyser answers on the same images and the subject the links give (an unknown, unlinked container).
        var subject = new ScanSubject(AnalysisKind.Container, null, null, container);
        var expectedOrigin = ScanAnalyzer.Analyze(RoundTrip(pair.Origin), subject, cancellationToken: cancellationToken);
        var expectedArrival = ScanAnalyzer.Analyze(RoundTrip(pair.Arrival), subject, cancellationToken: cancellationToken);
        var expectedComparison = ScanAnalyzer.Compare(RoundTrip(pair.Origin), RoundTrip(pair.Arrival), cancellationToken: cancellationToken);
        await using (var db = host.Database.CreateContext())
        {
            // The analyses are outbox reactions: one runs after the upload's commit, a follow-up (the
            // comparison) may be picked up by the background dispatcher a moment later.
            var rows = await db.ScanAnalyses.AsNoTracking().ToListAsync(cancellationToken);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(60));
            while (rows.Count < 3 && !patience.IsCancellationRequested)
            {
                await Task.Delay(100, cancellationToken);
                rows = await db.ScanAnalyses.AsNoTracking().ToListAsync(cancellationToken);
            }

            AssertStored(expectedOrigin, Assert.Single(rows, r => r.ScanId == originId && r.OriginScanId is null));
            AssertStored(expectedArrival, Assert.Single(rows, r => r.ScanId == arrivalId && r.OriginScanId is null));
            var comparison = Assert.Single(rows, r => r.OriginScanId is not null);
            Assert.Equal((originId, arrivalId, "compare"), (comparison.OriginScanId!.Value, comparison.ScanId, comparison.Family));
            Assert.Equal(expectedComparison.CannotCompare, comparison.CannotAnalyse);
            Assert.Equal(expectedComparison.Result?.Score, comparison.Score);
            Assert.Equal(expectedComparison.Result?.Change.ToString().ToLowerInvariant(), comparison.Change);
            Assert.Equal<Portcullis.Domain.Phrasing.Phrase>(expectedComparison.Result?.ReasonPhrases, comparison.ReasonPhrases);
            Assert.All(rows, r => Assert.Equal((AnalyzeScan.JobActor, "built-in"), (r.RequestedBy, r.ModelVersion)));
        }

        // The API answers the stored analysis, with the comparison (the scan analyst sees both unlinked scans).
        using var analyst = await host.SignInAsync("scananalyst");
        var view = (await analyst.GetFromJsonAsync<ScanAnalysisApi.ScanAnalysisView>($"/api/v1/scans/{arrivalId}/analysis", Json, cancellationToken))!;
        Assert.Equal(expectedArrival.Result?.Score, view.Analysis.Score);
        Assert.Equal(expectedArrival.CannotAnalyse, view.Analysis.CannotAnalyse);
        Assert.Equal(expectedArrival.Result?.Regions.Count ?? 0, view.Analysis.Regions.Count);
        Assert.Equal(originId, Assert.Single(view.Comparisons).OriginScanId);

        // The viewer page shows the score, or the refusal, of the stored analysis; the compare page its comparison.
        var page = await analyst.GetStringAsync($"/scans/{arrivalId}", cancellationToken);
        Assert.Contains(expectedArrival.Result is null ? "data-testid=\"scan-analysis-refused\"" : "data-testid=\"scan-analysis-score\"", page, StringComparison.Ordinal);
        var compare = await analyst.GetStringAsync($"/scans/compare?a={originId}&b={arrivalId}", cancellationToken);
        Assert.Contains(expectedComparison.Result is null ? "data-testid=\"compare-analysis-refused\"" : "data-testid=\"compare-analysis-score\"", compare, StringComparison.Ordinal);

        // Unlinked scans are for scan analysts, supervisors and auditors: the targeting analyst finds nothing.
        using var targeting = await host.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.NotFound, (await targeting.GetAsync($"/api/v1/scans/{arrivalId}/analysis", cancellationToken)).StatusCode);

        // The viewer draws what was stored: the analysis's boxes, and the comparison's where its regions lie.
        var overlays = await host.Services.GetServices<IScanOverlaySource>().OfType<StoredAnalysisOverlays>().Single()
            .ForScanAsync(await ScanAsync(host, arrivalId), cancellationToken);
        var expectedOverlays = (expectedArrival.Result is null ? 0 : 1) + (expectedComparison.Result is { RegionsImage: not "origin" } ? 1 : 0);
        Assert.Equal(expectedOverlays, overlays.Count);
    }

    // SQLite only: the phrase column is converted as ReasonPhrases is, which the test above round-trips on both
    // providers; a PostgreSQL run of this one cost another 4 s of the suite's budget for no new code path.
    [Fact]
    public async Task A_refusal_is_stored_with_its_phrase_and_the_viewer_says_it_in_Dutch()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var store = Directory.CreateTempSubdirectory("portcullis-analysis-scans-").FullName;
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Imaging:StoreFolder"] = store });
        var container = Portcullis.Domain.Standards.ContainerNumber.Create("TSTU", 'U', 810_003).Value;

        // One grey level everywhere: the scanner ran with nothing in the beam.
        var blank = new ScanImage(ScanFormat.Png, [new ScanFrame(400, 150, Enumerable.Repeat((ushort)40000, 400 * 150).ToArray())], new ScanMetadata());
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        var id = await UploadAsync(scanner, blank, container, DateTime.UtcNow.AddHours(-1));
        var expected = ScanAnalyzer.Analyze(RoundTrip(blank), new ScanSubject(AnalysisKind.Container, null, null, container), cancellationToken: cancellationToken);
        Assert.NotNull(expected.CannotAnalysePhrase);

        ScanAnalysis? stored = null;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        while (stored is null && !patience.IsCancellationRequested)
        {
            await using var db = host.Database.CreateContext();
            stored = await db.ScanAnalyses.AsNoTracking().SingleOrDefaultAsync(a => a.ScanId == id, cancellationToken);
            if (stored is null)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        // The column gives back the phrase the analyser made, next to the English the API reads.
        Assert.NotNull(stored);
        Assert.Equal(expected.CannotAnalyse, stored.CannotAnalyse);
        Assert.Equal(expected.CannotAnalysePhrase, stored.CannotAnalysePhrase);

        // The viewer says it in the reader's language: Dutch from the phrase, no longer the English marked lang="en".
        using var analyst = await host.SignInAsync("scananalyst");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/scans/{id}");
        request.Headers.Add("Accept-Language", "nl-NL");
        using var response = await analyst.SendAsync(request, cancellationToken);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(cancellationToken));
        var dutch = Portcullis.Tests.Components.PhraseAssert.SaidInDutch(stored.CannotAnalysePhrase!, stored.CannotAnalyse!);
        Assert.Contains(dutch, page, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.CannotAnalyse!, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_analyst_reruns_the_analysis_audited_and_an_inspector_may_not()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var store = Directory.CreateTempSubdirectory("portcullis-analysis-scans-").FullName;
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Imaging:StoreFolder"] = store });
        var container = Portcullis.Domain.Standards.ContainerNumber.Create("TSTU", 'U', 810_002).Value;
        var image = RadiographGenerator.Random(5, ContainerKind.Dry20, ScannerSettings.Portal6MV, concealments: 1, cancellationToken: cancellationToken).Image;
        using var scanner = await host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
        var id = await UploadAsync(scanner, image, container, DateTime.UtcNow.AddHours(-1));

        using var inspector = await host.SignInAsync("inspector");
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsync($"/api/v1/scans/{id}/analyze", null, cancellationToken)).StatusCode);
        using var analyst = await host.SignInAsync("scananalyst");
        using var rerun = await analyst.PostAsync($"/api/v1/scans/{id}/analyze", null, cancellationToken);
        Assert.True(rerun.StatusCode == HttpStatusCode.OK, await rerun.Content.ReadAsStringAsync(cancellationToken));
        var view = (await rerun.Content.ReadFromJsonAsync<ScanAnalysisApi.ScanAnalysisView>(Json, cancellationToken))!;
        var expected = ScanAnalyzer.Analyze(RoundTrip(image), new ScanSubject(AnalysisKind.Container, null, null, container), cancellationToken: cancellationToken);
        Assert.Equal(expected.Result?.Score, view.Analysis.Score);
        Assert.Equal(expected.CannotAnalyse, view.Analysis.CannotAnalyse);
        Assert.Equal("scananalyst", view.Analysis.RequestedBy);

        await using var db = host.Database.CreateContext();
        Assert.Equal(2, await db.ScanAnalyses.CountAsync(a => a.ScanId == id, cancellationToken));
        var audit = Assert.Single(await db.Audit.Where(a => a.Action == "scan.analysed").ToListAsync(cancellationToken));
        Assert.Equal(("scananalyst", $"container {container}"), (audit.Actor, audit.Subject));
    }

    private static async Task<Guid> UploadAsync(HttpClient client, ScanImage image, string container, DateTime scannedAt)
    {
        var files = image.Frames.Count == 1
            ? new Dictionary<string, byte[]> { ["file"] = ScanPng.Write(image.Frames[0]) }
            : new Dictionary<string, byte[]> { ["low"] = ScanPng.Write(image.Frames[0]), ["high"] = ScanPng.Write(image.Frames[1]) };
        using var response = await client.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(files, new Dictionary<string, string> { ["subject"] = container, ["scannedAt"] = scannedAt.ToString("O") }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!.Id;
    }

    // The image as the server reads it back from the PNG files it stored.
    private static ScanImage RoundTrip(ScanImage image)
    {
        var frames = image.Frames.Select(f => ScanReader.Read(ScanPng.Write(f)).Image!).ToList();
        return frames.Count == 1 ? frames[0] : ScanReader.Combine(frames[0], frames[1]).Image!;
    }

    private static async Task<Scan> ScanAsync(ApiHost host, Guid id)
    {
        await using var db = host.Database.CreateContext();
        return await db.Scans.AsNoTracking().SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
    }

    private static void AssertStored(AnalysisOutcome expected, ScanAnalysis stored)
    {
        Assert.Equal(expected.CannotAnalyse, stored.CannotAnalyse);
        Assert.Equal(expected.Result?.Score, stored.Score);
        Assert.Equal(expected.Result?.Alarm ?? false, stored.Alarm);
        Assert.Equal(expected.Result?.Version ?? "", stored.Version);
        Assert.Equal(expected.Result?.Regions.Count ?? 0, stored.Regions.Count);
        Assert.Equal(expected.Result?.Reasons ?? [], stored.Reasons);
        // The phrases come back from their column as the analyser made them (null for a refusal).
        Assert.Equal<Portcullis.Domain.Phrasing.Phrase>(expected.Result?.ReasonPhrases, stored.ReasonPhrases);
    }
}
