using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Integrity;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Releases;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Integrity;

/// <summary>Release without static PINs: issue, collect once, verify once, bound to container, haulier and driver; expiry; the gate check.</summary>
[Trait("Category", "security")]
public sealed class ReleaseTokenTests(ReleaseTokenTests.Host host) : IClassFixture<ReleaseTokenTests.Host>
{
    private static readonly DateTime T0 = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    public sealed class Host : IAsyncLifetime
    {
        public ApiHost Api { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            // The gate pass runs by hand here, on the tests' own clock.
            Api = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["Integrity:GatePassEverySeconds"] = "0" });

        public async ValueTask DisposeAsync() => await Api.DisposeAsync();
    }

    private sealed record Problem(string Title, string Detail);

    [Fact]
    public async Task A_token_is_collected_once_by_its_haulier_and_verified_once_for_its_container_haulier_and_driver()
    {
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", DateTime.UtcNow.AddHours(-6), 515151);
        using var haulier = await host.Api.WithTokenAsync(Roles.TerminalPartner, "RTM", TokenScopes.ReleasesCollect);
        using var terminal = await host.Api.WithTokenAsync(Roles.TerminalPartner, "RTM", TokenScopes.OrdersRead);
        using var otherTerminal = await host.Api.WithTokenAsync(Roles.TerminalPartner, "ZWB", TokenScopes.OrdersRead);
        using var supervisor = await host.Api.SignInAsync("supervisor");

        using var issued = await supervisor.PostAsJsonAsync("/api/v1/releases", new { hub = "RTM", container = cargo.ContainerNumber, haulier = "Test organisation", driverId = "NL-D-778" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var release = await issued.Content.ReadFromJsonAsync<IssueRelease.ReleaseView>();
        Assert.Equal("issued", release!.Status);
        Assert.DoesNotContain("pcr1.", await issued.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var collected = await haulier.PostAsJsonAsync("/api/v1/releases/collect", new { container = cargo.ContainerNumber });
        Assert.Equal(HttpStatusCode.OK, collected.StatusCode);
        var token = (await collected.Content.ReadFromJsonAsync<CollectRelease.CollectedToken>())!.Token;
        Assert.StartsWith("pcr1.", token, StringComparison.Ordinal);
        using var again = await haulier.PostAsJsonAsync("/api/v1/releases/collect", new { container = cargo.ContainerNumber });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        async Task<(HttpStatusCode Status, string Detail)> Verify(HttpClient client, string presented, string container, string company, string? driver)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/releases/verify", new { token = presented, container, haulier = company, driverId = driver });
            var detail = response.IsSuccessStatusCode ? "" : (await response.Content.ReadFromJsonAsync<Problem>())!.Detail;
            return (response.StatusCode, detail);
        }

        var tampered = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        Assert.Equal(HttpStatusCode.BadRequest, (await Verify(terminal, "1234", cargo.ContainerNumber, "Test organisation", "NL-D-778")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Verify(terminal, tampered, cargo.ContainerNumber, "Test organisation", "NL-D-778")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Verify(otherTerminal, token, cargo.ContainerNumber, "Test organisation", "NL-D-778")).Status);
        var wrongContainer = await Verify(terminal, token, "MSCU1234565", "Test organisation", "NL-D-778");
        Assert.Equal((HttpStatusCode.Conflict, "The release token is for another container than MSCU1234565; do not release this container."), wrongContainer);
        Assert.Equal(HttpStatusCode.Conflict, (await Verify(terminal, token, cargo.ContainerNumber, "Other Haulage BV", "NL-D-778")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Verify(terminal, token, cargo.ContainerNumber, "Test organisation", "NL-D-999")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Verify(terminal, token, cargo.ContainerNumber, "Test organisation", "NL-D-778")).Status);
        var replay = await Verify(terminal, token, cargo.ContainerNumber, "Test organisation", "NL-D-778");
        Assert.Equal(HttpStatusCode.Conflict, replay.Status);
        Assert.StartsWith("The release token was already used at", replay.Detail, StringComparison.Ordinal);

        await using var db = host.Api.Database.CreateContext();
        var row = await db.ReleaseTokens.AsNoTracking().SingleAsync(r => r.Id == release.Id);
        Assert.Equal(ReleaseTokenFormat.Hash(token), row.TokenHash);
        Assert.NotNull(row.ConsumedAt);
        var audit = await db.Audit.AsNoTracking().Where(e => e.Subject == $"container {cargo.ContainerNumber}").ToListAsync();
        Assert.Equal(1, audit.Count(e => e.Action == "release.issue"));
        Assert.Equal(1, audit.Count(e => e.Action == "release.collect"));
        Assert.Equal(1, audit.Count(e => e.Action == "release.verify"));
        // Every refusal but the wrong-container one (audited under the container it named).
        Assert.Equal(6, audit.Count(e => e.Action == "release.verify.refused"));
        Assert.DoesNotContain(audit, e => e.Detail.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Issuing_refuses_an_unknown_haulier_and_a_container_under_an_open_control()
    {
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", DateTime.UtcNow.AddHours(-6), 525252);
        using var supervisor = await host.Api.SignInAsync("supervisor");
        using var unknown = await supervisor.PostAsJsonAsync("/api/v1/releases", new { hub = "RTM", container = cargo.ContainerNumber, haulier = "Nobody Haulage" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("There is no haulier organisation 'Nobody Haulage'", (await unknown.Content.ReadFromJsonAsync<Problem>())!.Detail, StringComparison.Ordinal);

        await SelectionFixtures.AddSelectionAsync(host.Api.Database, cargo, DateTime.UtcNow, DateTime.UtcNow.AddHours(3));
        using var controlled = await supervisor.PostAsJsonAsync("/api/v1/releases", new { hub = "RTM", container = cargo.ContainerNumber, haulier = "ECT Delta Terminal" });
        Assert.Equal(HttpStatusCode.Conflict, controlled.StatusCode);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime()
    {
        var clock = new FakeTimeProvider(T0);
        var options = new IntegrityOptions();
        var (release, token) = await IssueAndCollectAsync(clock, 535353, "NL-D-1");
        clock.Advance(TimeSpan.FromHours(options.Releases.TokenHours) - TimeSpan.FromMinutes(1));
        var (release2, token2) = await IssueAndCollectAsync(clock, 545454, null);
        clock.Advance(TimeSpan.FromMinutes(2));

        var expired = await VerifyAsync(clock, token, release.ContainerNumber, "NL-D-1");
        Assert.Equal(Portcullis.Hosting.RefusalKind.Conflict, expired.Refusal?.Kind);
        Assert.StartsWith("The release token expired at 2026-11-20 12:00 UTC", expired.Refusal!.Detail, StringComparison.Ordinal);
        // Bound to the company only when no driver was named: any driver of it passes.
        var fresh = await VerifyAsync(clock, token2, release2.ContainerNumber, "whoever");
        Assert.Null(fresh.Refusal);
    }

    [Fact]
    public async Task A_gate_out_without_a_token_verified_in_its_window_is_a_critical_release_missing_alarm()
    {
        var clock = new FakeTimeProvider(T0);
        var options = new IntegrityOptions();
        var (unused, _) = await IssueAndCollectAsync(clock, 555555, null);
        var (used, usedToken) = await IssueAndCollectAsync(clock, 565656, null);
        var (late, lateToken) = await IssueAndCollectAsync(clock, 575757, null);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null((await VerifyAsync(clock, usedToken, used.ContainerNumber, null)).Refusal);
        Assert.Null((await VerifyAsync(clock, lateToken, late.ContainerNumber, null)).Refusal);
        await GateOutAsync(unused.ContainerNumber, T0.AddHours(1.5));
        await GateOutAsync(used.ContainerNumber, T0.AddHours(1.5));
        await GateOutAsync(late.ContainerNumber, T0.AddHours(1 + options.Releases.GateWindowHours + 0.5));
        clock.Advance(TimeSpan.FromHours(3));

        IReadOnlyList<IntegrityAlarm> first, second;
        await using (var db = host.Api.Database.CreateContext())
        {
            first = await ReleaseGate.RunPassAsync(db, clock, options, CancellationToken.None);
        }

        await using (var db = host.Api.Database.CreateContext())
        {
            second = await ReleaseGate.RunPassAsync(db, clock, options, CancellationToken.None);
        }

        var mine = first.Where(a => a.ContainerNumber == unused.ContainerNumber || a.ContainerNumber == used.ContainerNumber || a.ContainerNumber == late.ContainerNumber).ToList();
        Assert.Equal(new[] { late.ContainerNumber, unused.ContainerNumber }.Order(StringComparer.Ordinal), mine.Select(a => a.ContainerNumber).Order(StringComparer.Ordinal));
        Assert.All(mine, a => Assert.Equal((AlarmKind.ReleaseMissing, AlarmSeverity.Critical, "RTM"), (a.Kind, a.Severity, a.HubCode)));
        Assert.Contains("its release token was never verified", mine.Single(a => a.ContainerNumber == unused.ContainerNumber).Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(second, a => mine.Any(m => m.ContainerNumber == a.ContainerNumber));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pcr1")]
    [InlineData("pcr2.0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pcr1.not-a-guid.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pcr1.0123456789abcdef0123456789abcdef.AAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pcr1.0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAA.AA*A")]
    public void Malformed_tokens_are_refused_with_a_reason(string text)
    {
        var (token, problem) = ReleaseTokenFormat.Parse(text);
        Assert.Null(token);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void The_mac_binds_container_haulier_driver_and_expiry()
    {
        var key = new byte[32];
        key[0] = 7;
        var claims = new ReleaseClaims(Guid.NewGuid(), "MSCU1234565", Guid.NewGuid(), "NL-D-1", T0);
        var (token, _) = ReleaseTokenFormat.Parse(ReleaseTokenFormat.Create(claims, key));
        Assert.True(ReleaseTokenFormat.Matches(token!, claims, key));
        Assert.False(ReleaseTokenFormat.Matches(token!, claims with { ContainerNumber = "TGHU1234561" }, key));
        Assert.False(ReleaseTokenFormat.Matches(token!, claims with { HaulierOrganisationId = Guid.NewGuid() }, key));
        Assert.False(ReleaseTokenFormat.Matches(token!, claims with { DriverId = null }, key));
        Assert.False(ReleaseTokenFormat.Matches(token!, claims with { ExpiresAt = T0.AddHours(1) }, key));
        Assert.False(ReleaseTokenFormat.Matches(token!, claims, new byte[32]));
    }

    private async Task<(ReleaseToken Release, string Token)> IssueAndCollectAsync(FakeTimeProvider clock, int serial, string? driver)
    {
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Api.Database, "RTM", T0.AddHours(-6), serial);
        var key = host.Api.Services.GetRequiredService<ReleaseTokenKey>();
        await using var db = host.Api.Database.CreateContext();
        var haulier = await db.Organisations.SingleOrDefaultAsync(o => o.Name == "Haulage BV");
        if (haulier is null)
        {
            haulier = new Organisation { Id = Guid.NewGuid(), Name = "Haulage BV", Kind = OrganisationKind.Carrier };
            db.Organisations.Add(haulier);
            await db.SaveChangesAsync();
        }

        var issued = await IssueRelease.RunAsync(db, clock, new IntegrityOptions(), ApiHost.TestSupervisor, new IssueRelease.IssueRequest("RTM", cargo.ContainerNumber, "Haulage BV", driver), CancellationToken.None);
        var release = issued.Value!;
        // What the collect endpoint does for the haulier's system.
        var token = ReleaseTokenFormat.Create(new ReleaseClaims(release.Id, release.ContainerNumber, release.HaulierOrganisationId, release.DriverId, release.ExpiresAt), key.Bytes());
        release.TokenHash = ReleaseTokenFormat.Hash(token);
        release.CollectedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return (release, token);
    }

    private async Task<Portcullis.Hosting.Outcome<ReleaseToken>> VerifyAsync(FakeTimeProvider clock, string token, string container, string? driver)
    {
        var terminal = new CurrentUser(Guid.NewGuid(), "token:tos", Roles.TerminalPartner, Guid.NewGuid(), "ECT Delta Terminal", ["RTM"], [TokenScopes.OrdersRead], true);
        await using var db = host.Api.Database.CreateContext();
        var outcome = await VerifyRelease.RunAsync(db, clock, host.Api.Services.GetRequiredService<ReleaseTokenKey>(), new IntegrityOptions(), terminal,
            new VerifyRelease.VerifyRequest(token, container, "Haulage BV", driver), CancellationToken.None);
        await db.SaveChangesAsync();
        return outcome;
    }

    private async Task GateOutAsync(string container, DateTime at)
    {
        await using var db = host.Api.Database.CreateContext();
        db.ContainerEvents.Add(new ContainerEvent { Id = Guid.NewGuid(), ContainerNumber = container, Type = ContainerEventType.GateOut, OccurredAt = at, UnLocode = "NLRTM", Facility = "ECT Delta", Source = "test" });
        await db.SaveChangesAsync();
    }
}
