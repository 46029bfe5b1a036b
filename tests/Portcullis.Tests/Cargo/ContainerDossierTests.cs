using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Cargo;
using Portcullis.Imaging;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Cargo;

/// <summary>The container dossier through the API: each part follows need-to-know exactly as the capability's own endpoint.</summary>
public sealed class ContainerDossierTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<(ApiHost Host, FakeTimeProvider Clock, CargoFixtures.Seeded Seeded, Guid SelectionId)> StartAsync(bool selected = true)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));
        var host = await ApiHost.StartAsync(Provider.Sqlite, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(-2), 510_001);
        await using (var db = host.Database.CreateContext())
        {
            db.RiskScores.Add(CargoFixtures.ScoreOf(seeded, now.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        if (!selected)
        {
            return (host, clock, seeded, Guid.Empty);
        }

        // Planned in 10 hours: the inspection team's window (4 h by default) opens in 6.
        var selectionId = await SelectionFixtures.AddSelectionAsync(host.Database, seeded, now.AddMinutes(-30), now.AddHours(10));
        return (host, clock, seeded, selectionId);
    }

    [Fact]
    public async Task An_analyst_sees_risk_with_readable_reasons_and_the_selection_with_why()
    {
        var (host, _, seeded, selectionId) = await StartAsync();
        await using var _ = host;
        using var analyst = await host.SignInAsync("analyst");

        var dossier = await analyst.GetFromJsonAsync<ContainerDossier.Dossier>($"/api/v1/containers/{seeded.ContainerNumber}/dossier", Json);

        var risk = Assert.Single(dossier!.Risk!);
        Assert.Equal(0.42, risk.Score);
        Assert.Equal(3, risk.ModelVersion);
        Assert.Equal(["raises", "lowers"], risk.Reasons.Select(r => r.Direction));
        Assert.Equal(["+0.40", "\u22120.02"], risk.Reasons.Select(r => r.FormattedEffect));
        var selection = Assert.Single(dossier.Selections!);
        Assert.Equal(selectionId, selection.Selection.Id);
        Assert.Equal(SelectionFixtures.Why, selection.Selection.Why);
        Assert.Null(dossier.Alarms);
        Assert.Contains(dossier.Timeline, t => t.Kind == "risk");
        Assert.Contains(dossier.Timeline, t => t.Kind == "selection" && t.Link == $"/inspections/{selectionId}");
        Assert.Equal(dossier.Timeline.OrderBy(t => t.At).Select(t => t.At), dossier.Timeline.Select(t => t.At));
    }

    [Fact]
    public async Task A_hub_inspector_sees_no_risk_and_the_selection_only_inside_its_window_without_why()
    {
        var (host, clock, seeded, selectionId) = await StartAsync();
        await using var _ = host;
        using var inspector = await host.SignInAsync("inspector");
        var url = $"/api/v1/containers/{seeded.ContainerNumber}/dossier";

        var before = await inspector.GetFromJsonAsync<ContainerDossier.Dossier>(url, Json);
        Assert.Null(before!.Risk);
        Assert.Empty(before.Selections!);
        Assert.DoesNotContain(before.Timeline, t => t.Kind is "risk" or "selection");
        Assert.Equal(seeded.Reference, Assert.Single(before.Consignments).Reference);

        clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        var inside = await inspector.GetFromJsonAsync<ContainerDossier.Dossier>(url, Json);
        var selection = Assert.Single(inside!.Selections!);
        Assert.Equal(selectionId, selection.Selection.Id);
        Assert.Null(selection.Selection.Why);
        Assert.Null(selection.Selection.Risk);
        Assert.Null(inside.Risk);
        // The targeting team's own acts carry no author or note for the inspection team.
        Assert.All(selection.History, h => Assert.Null(h.By));
    }

    [Fact]
    public async Task A_terminal_partner_gets_no_dossier_at_all_and_a_supervisor_sees_alarms()
    {
        var (host, _, seeded, _) = await StartAsync();
        await using var _ = host;
        using var terminal = await host.SignInAsync("terminal");
        using var supervisor = await host.SignInAsync("supervisor");
        var url = $"/api/v1/containers/{seeded.ContainerNumber}/dossier";

        using var refused = await terminal.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("0.42", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var dossier = await supervisor.GetFromJsonAsync<ContainerDossier.Dossier>(url, Json);
        Assert.NotNull(dossier!.Alarms);
        Assert.NotNull(dossier.Risk);
    }

    [Fact]
    public async Task A_scan_comes_with_its_newest_analysis_boxes_clipped_to_the_image_for_those_who_may_see_it()
    {
        var (host, clock, seeded, _) = await StartAsync();
        await using var _ = host;
        var now = clock.GetUtcNow().UtcDateTime;
        var scanId = Guid.CreateVersion7();
        var tiny = new Portcullis.Imaging.ScanImage(ScanFormat.Png, [new Portcullis.Imaging.ScanFrame(50, 20, new ushort[1000])], new Portcullis.Imaging.ScanMetadata());
        var refused = Portcullis.Imaging.Analysis.ScanAnalyzer.Analyze(tiny, new(Portcullis.Imaging.Analysis.ScanSubjectKind.Container), cancellationToken: TestContext.Current.CancellationToken);
        await using (var db = host.Database.CreateContext())
        {
            db.Scans.Add(new Scan
            {
                Id = scanId,
                SubjectKind = ScanSubjectKind.Container,
                Subject = seeded.ContainerNumber,
                ScannerId = "RTM-LINAC-2",
                Site = "NLRTM",
                ScannedAt = now.AddMinutes(-20),
                ReceivedAt = now.AddMinutes(-19),
                Origin = ScanOrigin.Own,
                Format = ScanFormat.Png,
                Width = 400,
                Height = 100,
                FrameCount = 1,
                Energy = "6 MV",
                PixelSpacingX = 5,
                PixelSpacingY = 5,
                FileHashes = ["00"],
                SubmittedBy = "test-scanner",
            });
            db.ScanAnalyses.Add(new ScanAnalysis
            {
                Id = Guid.CreateVersion7(),
                ScanId = scanId,
                Family = "anomaly",
                Version = "1",
                ModelVersion = "1",
                Score = 0.2,
                AnalysedAt = now.AddMinutes(-18),
                RequestedBy = "test",
                Regions = [new(0, 0, 10, 10, 0.2, "dense")],
            });
            // A run the analyser refused, between the two: the timeline says its refusal.
            db.ScanAnalyses.Add(new ScanAnalysis
            {
                Id = Guid.CreateVersion7(),
                ScanId = scanId,
                Family = "container",
                ModelVersion = "2",
                AnalysedAt = now.AddMinutes(-17),
                RequestedBy = "test",
                CannotAnalyse = refused.CannotAnalyse,
                CannotAnalysePhrase = refused.CannotAnalysePhrase,
            });
            // The newer analysis is the one drawn; its second box runs past the image's right edge and is clipped to it.
            db.ScanAnalyses.Add(new ScanAnalysis
            {
                Id = Guid.CreateVersion7(),
                ScanId = scanId,
                Family = "anomaly",
                Version = "2",
                ModelVersion = "2",
                Score = 0.7,
                Alarm = true,
                AnalysedAt = now.AddMinutes(-15),
                RequestedBy = "test",
                Regions = [new(20, 30, 60, 70, 0.8, "organic", 12.5), new(380, 10, 450, 40, 0.6, "dense")],
            });
            await db.SaveChangesAsync();
        }

        using var supervisor = await host.SignInAsync("supervisor");
        using var inspector = await host.SignInAsync("inspector");
        var url = $"/api/v1/containers/{seeded.ContainerNumber}/dossier";

        var dossier = (await supervisor.GetFromJsonAsync<ContainerDossier.Dossier>(url, Json))!;
        var scan = Assert.Single(dossier.Scans);
        Assert.Equal((400, 100), (scan.Width, scan.Height));
        Assert.Equal([(20, 30, 60, 70), (380, 10, 400, 40)], scan.Boxes.Select(b => (b.X0, b.Y0, b.X1, b.Y1)));
        Assert.Equal($"/api/v1/scans/{scanId}/preview", scan.Preview);
        Assert.Equal(3, scan.Analyses.Count);

        // The refusal: the API's timeline keeps the English, the Dutch page says it from its phrase.
        Assert.Contains(refused.CannotAnalyse!, Assert.Single(dossier.Timeline, e => e.Kind == "scan").Detail, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/containers/{seeded.ContainerNumber}");
        request.Headers.Add("Accept-Language", "nl-NL");
        using var response = await supervisor.SendAsync(request);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Portcullis.Tests.Components.PhraseAssert.SaidInDutch(refused.CannotAnalysePhrase!, refused.CannotAnalyse!), page, StringComparison.Ordinal);
        Assert.DoesNotContain(refused.CannotAnalyse!, page, StringComparison.Ordinal);
        // Not linked to a control: not for a hub inspector (as the scan API).
        Assert.Empty((await inspector.GetFromJsonAsync<ContainerDossier.Dossier>(url, Json))!.Scans);
    }

    [Fact]
    public async Task A_selection_made_from_an_alarm_keeps_its_English_reason_for_the_API_and_is_said_in_Dutch_on_the_pages()
    {
        var (host, clock, seeded, _) = await StartAsync(selected: false);
        await using var _ = host;
        var ct = TestContext.Current.CancellationToken;
        var alarmId = Guid.CreateVersion7();
        await using (var db = host.Database.CreateContext())
        {
            db.IntegrityAlarms.Add(new Portcullis.Integrity.IntegrityAlarm
            {
                Id = alarmId,
                Kind = Portcullis.Integrity.Alarms.AlarmKind.SealTampered,
                Severity = Portcullis.Integrity.Alarms.AlarmSeverity.High,
                HubCode = seeded.HubCode,
                ContainerNumber = seeded.ContainerNumber,
                RaisedAt = clock.GetUtcNow().UtcDateTime,
                Detail = $"Electronic seal EL-7 on container {seeded.ContainerNumber} reported tampering at 07:40.",
                DetailPhrase = Portcullis.Domain.Phrasing.Phrase.Of("AlarmWhy.SealTampered", "EL-7", seeded.ContainerNumber, "07:40"),
                DedupKey = "test-seal-" + alarmId,
                LastSeenAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
        }

        using var supervisor = await host.SignInAsync("supervisor");
        using var selected = await supervisor.PostAsJsonAsync($"/api/v1/alarms/{alarmId}/select", new { note = "Seen on the quay." }, ct);
        Assert.Equal(HttpStatusCode.Created, selected.StatusCode);
        var selectionId = (await selected.Content.ReadFromJsonAsync<Portcullis.Integrity.SelectOnAlarm.SelectedView>(Json, ct))!.SelectionId;

        // The API reads the English it always did.
        var english = $"Integrity alarm SealTampered (high, {alarmId}): Electronic seal EL-7 on container {seeded.ContainerNumber} reported tampering at 07:40. Seen on the quay.";
        var detail = await supervisor.GetFromJsonAsync<Portcullis.Selection.GetSelections.SelectionDetail>($"/api/v1/selections/{selectionId}", Json, ct);
        Assert.Equal(english, detail!.Selection.Why);
        await using (var db = host.Database.CreateContext())
        {
            var stored = await db.Selections.FindAsync([selectionId], ct);
            Assert.Equal(
                $"Integriteitsalarm zegel gemanipuleerd (hoog, {alarmId}): Het elektronische zegel EL-7 op container {seeded.ContainerNumber} meldde manipulatie om 07:40. Seen on the quay.",
                Portcullis.Tests.Components.PhraseAssert.SaidInDutch(stored!.WhyPhrase!, stored.Why));
        }

        // The dossier's control and the hub's selection list say it in Dutch; the supervisor's note stays as written.
        foreach (var path in new[] { $"/containers/{seeded.ContainerNumber}", $"/selections?hub={seeded.HubCode}&date={detail.Selection.PlanDate:yyyy-MM-dd}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Accept-Language", "nl-NL");
            using var response = await supervisor.SendAsync(request, ct);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(ct));
            Assert.Contains($"Integriteitsalarm zegel gemanipuleerd (hoog, {alarmId}): Het elektronische zegel EL-7", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Integrity alarm", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_number_is_a_problem_naming_the_fix_and_an_unknown_one_is_not_found()
    {
        var (host, _, _, _) = await StartAsync();
        await using var _ = host;
        using var analyst = await host.SignInAsync("analyst");

        using var bad = await analyst.GetAsync("/api/v1/containers/NOTANUMBER/dossier");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using var unknown = await analyst.GetAsync("/api/v1/containers/CSQU3054383/dossier");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
