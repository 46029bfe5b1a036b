using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Domain.Phrasing;
using Portcullis.Imaging;
using Portcullis.Risk;
using Portcullis.Storage;
using Portcullis.Tests.Components;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Imaging.Analysis;

/// <summary>An alarming analysis is a reason on its container's consignments' scores; a newer run that clears it takes it away; a rescore keeps it.</summary>
public sealed class AnalysisRiskTests(AnalysisRiskTests.Host host) : IClassFixture<AnalysisRiskTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ApiHost Api { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Api = await ApiHost.StartAsync(Provider.Sqlite);

        public async ValueTask DisposeAsync() => await Api.DisposeAsync();
    }

    [Fact]
    public async Task An_alarming_analysis_raises_the_score_with_its_reason_until_a_newer_run_clears_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", DateTime.UtcNow.Date, 740001);
        await ActivateProfileAsync();
        var engine = host.Api.Services.GetRequiredService<RiskEngine>();
        await host.Api.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(ct);
        await engine.ScoreStoredAsync([seeded.ConsignmentId], all: false, ct);
        var before = await ScoreAsync(seeded.ConsignmentId);
        var weight = host.Api.Services.GetRequiredService<ScanAnalysisModel>().RiskWeight;

        var scanId = Guid.NewGuid();
        await using (var db = host.Api.Database.CreateContext())
        {
            db.Scans.Add(new Scan
            {
                Id = scanId,
                SubjectKind = ScanSubjectKind.Container,
                Subject = seeded.ContainerNumber,
                ScannerId = "RTM-test",
                ScannedAt = seeded.ArrivedAt.AddHours(2),
                ReceivedAt = seeded.ArrivedAt.AddHours(2),
                Origin = ScanOrigin.Own,
                Format = Portcullis.Imaging.ScanFormat.Png,
                Width = 100,
                Height = 40,
                FrameCount = 1,
                SubmittedBy = "test",
            });
            await db.SaveChangesAsync(ct);

            // As the analysis job does: the row and its effect on the score in one unit of work.
            db.ScanAnalyses.Add(Row(scanId, alarm: true, score: 0.9, seeded.ArrivedAt.AddHours(3)));
            await AnalysisRisk.ApplyAsync(db, [seeded.ContainerNumber], weight, ct);
            await db.SaveChangesAsync(ct);
        }

        var alarmed = await ScoreAsync(seeded.ConsignmentId);
        var reason = Assert.Single(alarmed.Reasons, r => r.Source == AnalysisRisk.Source);
        Assert.Equal(weight * 0.9, reason.Effect, 9);
        Assert.Contains("about 12 kg more than the reefer unit's usual mass", reason.Text, StringComparison.Ordinal);
        // The stored reason phrase came back from its column; a Dutch page says the whole reason in Dutch.
        Assert.Contains("koelmachine", PhraseAssert.SaidInDutch(reason.Phrase!, reason.Text), StringComparison.Ordinal);
        // Noisy-or: 1 − (1 − before)(1 − effect).
        Assert.Equal(1 - ((1 - before.Score) * (1 - (weight * 0.9))), alarmed.Score, 9);

        // The engine writes scores anew: the reason is put back.
        await engine.ScoreStoredAsync([seeded.ConsignmentId], all: false, ct);
        Assert.Single((await ScoreAsync(seeded.ConsignmentId)).Reasons, r => r.Source == AnalysisRisk.Source);

        // A re-run that does not alarm is the current analysis now: the reason and its effect go.
        await using (var db = host.Api.Database.CreateContext())
        {
            db.ScanAnalyses.Add(Row(scanId, alarm: false, score: 0.2, seeded.ArrivedAt.AddHours(4)));
            await AnalysisRisk.ApplyAsync(db, [seeded.ContainerNumber], weight, ct);
            await db.SaveChangesAsync(ct);
        }

        var cleared = await ScoreAsync(seeded.ConsignmentId);
        Assert.DoesNotContain(cleared.Reasons, r => r.Source == AnalysisRisk.Source);
        Assert.Equal(before.Score, cleared.Score, 9);

        // An analysis stored before phrases existed has English reasons only: its risk reason has no phrase (the page shows the English).
        await using (var db = host.Api.Database.CreateContext())
        {
            db.ScanAnalyses.Add(Row(scanId, alarm: true, score: 0.9, seeded.ArrivedAt.AddHours(5), phrased: false));
            await AnalysisRisk.ApplyAsync(db, [seeded.ContainerNumber], weight, ct);
            await db.SaveChangesAsync(ct);
        }

        var legacy = Assert.Single((await ScoreAsync(seeded.ConsignmentId)).Reasons, r => r.Source == AnalysisRisk.Source);
        Assert.Null(legacy.Phrase);
        Assert.Equal(reason.Text, legacy.Text);
    }

    // The container analysis's sentence for mass in the reefer unit, as it stores it.
    private static readonly Phrase Machinery = Phrase.Of("ScanWhy.ReeferMachinery", 12.0);

    private static ScanAnalysis Row(Guid scanId, bool alarm, double score, DateTime at, bool phrased = true) => new()
    {
        Id = Guid.NewGuid(),
        ScanId = scanId,
        Family = "container",
        Version = "containers-test",
        ModelVersion = "built-in",
        Score = score,
        Alarm = alarm,
        Reasons = [Portcullis.Imaging.Analysis.ScanPhrases.Catalogue.Say(Machinery)],
        ReasonPhrases = phrased ? [Machinery] : null,
        AnalysedAt = at,
        RequestedBy = "test",
    };

    private async Task<RiskScore> ScoreAsync(Guid consignmentId)
    {
        await using var db = host.Api.Database.CreateContext();
        return await db.RiskScores.AsNoTracking().SingleAsync(s => s.ConsignmentId == consignmentId, TestContext.Current.CancellationToken);
    }

    // The engine stores scores only under an active profile or model: a one-rule profile is enough.
    private async Task ActivateProfileAsync()
    {
        using var analyst = await host.Api.SignInAsync("analyst");
        using var supervisor = await host.Api.SignInAsync("supervisor");
        const string yaml = "name: scan risk test\ndescription: test profile\nrules:\n  - id: any-reefer\n    weight: 0.1\n    reason: reefer\n    when:\n      all:\n        - reefer: true\n";
        using var created = await analyst.PostAsJsonAsync("/api/v1/risk/profiles", new { yaml, reason = "test" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profile = (await created.Content.ReadFromJsonAsync<Portcullis.Risk.Profiles.ProfileView>())!;
        using var activated = await supervisor.PostAsJsonAsync($"/api/v1/risk/profiles/{profile.Id}/activate", new { reason = "test" });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
    }
}
