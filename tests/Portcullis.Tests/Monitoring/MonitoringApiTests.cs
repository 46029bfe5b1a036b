using System.Net;
using System.Net.Http.Json;
using Portcullis.Access;
using Portcullis.Monitoring;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Monitoring;

/// <summary>The waterbed monitor and the hub dashboard over HTTP, on the four weeks of <see cref="MonitoringFixtures"/>.</summary>
public sealed class MonitoringApiTests(MonitoringApiTests.Seeded seeded) : IClassFixture<MonitoringApiTests.Seeded>
{
    private static readonly string Period = $"from={MonitoringFixtures.First:yyyy-MM-dd}&to={MonitoringFixtures.Last:yyyy-MM-dd}";

    public sealed class Seeded : IAsyncLifetime
    {
        public ApiHost Host { get; private set; } = null!;

        public HttpClient Supervisor { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Host = await ApiHost.StartAsync(Provider.Sqlite);
            await MonitoringFixtures.AddWaterbedAsync(Host.Database);
            Supervisor = await Host.SignInAsync("supervisor");
        }

        public async ValueTask DisposeAsync()
        {
            Supervisor.Dispose();
            await Host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_supervisor_sees_the_lane_and_the_pattern_that_moved_from_Rotterdam_to_Vlissingen()
    {
        var report = await seeded.Supervisor.GetFromJsonAsync<Waterbed.Report>($"/api/v1/monitoring/waterbed?{Period}", TestContext.Current.CancellationToken);

        // Every hit is on one lane with one concealment, so its lane and its pattern hold the same series.
        Assert.Equal([(Waterbed.LaneKind, "EC 08 SeaContainer"), (Waterbed.PatternKind, "08 SeaContainer AmongCargoNearDoors")], report!.Flagged.Select(f => (f.Kind, f.Key)));
        Assert.Equal((1, 1), (report.LanesTested, report.PatternsTested));
        Assert.Equal((16.0, 3.0), (report.Threshold, report.ThresholdPerExtraHub));
        foreach (var flag in report.Flagged)
        {
            Assert.Equal("RTM", flag.FromHub);
            Assert.Equal("ZWB", flag.ToHub);
            Assert.Equal(16, flag.Threshold);
            Assert.Equal(MonitoringFixtures.First.AddDays(MonitoringFixtures.OnsetDay), flag.Onset);
            // By hand, splitting at day 14 with k days after it (42:14 hits before, k:3k after): G = 15.6
            // at k = 5 and 17.7 at k = 6, so the two-hub threshold 16 is first reached on the sixth day from the onset.
            Assert.Equal(MonitoringFixtures.First.AddDays(MonitoringFixtures.OnsetDay + 5), flag.FlaggedOn);
            Assert.Equal(28 * 4, flag.Hits);
            Assert.Equal(["RTM", "ZWB"], flag.Hubs);
            Assert.Equal(28, flag.Daily.Count);
            // Day 20: the last 7 days are all after the onset, 1 of 4 hits a day at RTM.
            Assert.Equal(0.25, flag.Daily[20].TrailingShares[0]!.Value, 6);
        }

        Assert.Contains("change-point", report.Test, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_waterbed_table_downloads_as_csv_with_its_header()
    {
        using var response = await seeded.Supervisor.GetAsync($"/api/v1/monitoring/waterbed?format=csv&{Period}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kind,key,from_hub,to_hub,score_g,threshold,onset,flagged_on,hits,test", lines[0]);
        Assert.StartsWith("lane,EC 08 SeaContainer,RTM,ZWB,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("pattern,08 SeaContainer AmongCargoNearDoors,RTM,ZWB,", lines[2], StringComparison.Ordinal);
        Assert.All(lines[1..], line => Assert.Contains(",16.00,2026-03-16,2026-03-21,112,", line, StringComparison.Ordinal));
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task The_dashboard_counts_seizures_per_hub_and_month_and_the_control_sample_per_week()
    {
        var dashboard = await seeded.Supervisor.GetFromJsonAsync<HubDashboard.Dashboard>($"/api/v1/monitoring/hubs?{Period}", TestContext.Current.CancellationToken);

        // 14 days × 3 + 14 days × 1 = 56 hits at each hub, 100 kg each.
        Assert.Equal([("RTM", "2026-03", 56, 5600.0), ("ZWB", "2026-03", 56, 5600.0)], dashboard!.SeizuresByMonth.Select(r => (r.Hub, r.Month, r.Seizures, r.Kilograms)));
        Assert.Equal([("Cocaine", 112, 11200.0)], dashboard.SeizuresBySubstance.Select(r => (r.Group, r.Findings, r.Kilograms)));
        Assert.Equal([("AmongCargoNearDoors", 112, 11200.0)], dashboard.SeizuresByConcealment.Select(r => (r.Group, r.Findings, r.Kilograms)));
        Assert.Equal(4, dashboard.Precision.Count);
        var week = dashboard.Precision[0];
        Assert.Equal("2026-W10", week.Week);
        Assert.Equal((28, 28), (week.Targeted.Hits, week.Targeted.Trials));
        Assert.Equal((0, 7), (week.Control.Hits, week.Control.Trials));
        // Wilson with no hits among n: the upper bound is z²/(n + z²) = 3.8415/10.8415.
        Assert.Equal(0.3543, week.Control.High95, 3);
        // RTM's first week: 21 targeted hits and 7 controls without.
        var rtm = dashboard.Inspections.First(i => i.Hub == "RTM");
        Assert.Equal((28, 21), (rtm.Closed, rtm.Hits));
        Assert.Contains(dashboard.PublicFigures, f => f is { Year: 2023, Place: "Vlissingen", Kilograms: 11130 });
        Assert.Contains(dashboard.PublicFigures, f => f is { Year: 2022, Place: "Vlissingen", Kilograms: 2510 });
    }

    [Fact]
    public async Task A_dashboard_table_downloads_as_csv()
    {
        var csv = await seeded.Supervisor.GetStringAsync($"/api/v1/monitoring/hubs?format=csv&table=seizures-by-month&{Period}", TestContext.Current.CancellationToken);
        Assert.Equal("hub,month,seizures,kilograms\r\nRTM,2026-03,56,5600.00\r\nZWB,2026-03,56,5600.00\r\n", csv);

        var figures = await seeded.Supervisor.GetStringAsync("/api/v1/monitoring/hubs?format=csv&table=public-figures", TestContext.Current.CancellationToken);
        Assert.StartsWith("year,place,substance,kilograms,qualifier,source\r\n", figures, StringComparison.Ordinal);
        Assert.Contains("\r\n2023,Vlissingen,cocaine,11130,,", figures, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/monitoring/waterbed?format=xlsx", "format 'xlsx' is unknown")]
    [InlineData("/api/v1/monitoring/hubs?format=csv", "CSV needs one table")]
    [InlineData("/api/v1/monitoring/hubs?from=2026-03-10&to=2026-03-01", "is not valid")]
    public async Task Bad_requests_get_a_problem_that_names_the_fix(string path, string message)
    {
        using var response = await seeded.Supervisor.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspector")]
    [InlineData("terminal")]
    [InlineData("analyst")]
    public async Task Other_roles_are_refused(string userName)
    {
        using var client = await seeded.Host.SignInAsync(userName);
        foreach (var path in new[] { "/api/v1/monitoring/waterbed", "/api/v1/monitoring/hubs" })
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_supervisors_token_needs_the_read_scope()
    {
        using var withRead = await seeded.Host.WithTokenAsync(Roles.Supervisor, scope: TokenScopes.Read);
        using var withoutRead = await seeded.Host.WithTokenAsync(Roles.Supervisor, scope: TokenScopes.RiskRead);

        using var allowed = await withRead.GetAsync($"/api/v1/monitoring/waterbed?{Period}", TestContext.Current.CancellationToken);
        using var refused = await withoutRead.GetAsync($"/api/v1/monitoring/waterbed?{Period}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
