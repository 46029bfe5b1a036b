using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Imaging;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Imaging;

/// <summary>
/// Need-to-know for scans, per role (the expected codes written out by hand): a linked scan follows its
/// selection, an unlinked one is for scan analysts, supervisors and auditors; hidden answers 404; every view is audited.
/// </summary>
[Trait("Category", "security")]
public sealed class ScanAccessTests(ScanAccessTests.Seeded seeded) : IClassFixture<ScanAccessTests.Seeded>
{
    private const int Ok = 200, Forbidden = 403, NotFound = 404;

    private static readonly string[] People = ["analyst", "scananalyst", "inspector", "supervisor", "auditor", "admin", "terminal", "police"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One host with three scans: unlinked, linked to a control in two days, linked to a control within the hour.</summary>
    public sealed class Seeded : IAsyncLifetime
    {
        private readonly Dictionary<string, Task<HttpClient>> _sessions = new(StringComparer.Ordinal);

        public ApiHost Host { get; private set; } = null!;

        public Dictionary<string, (Guid Id, string Container)> Scans { get; } = [];

        public async ValueTask InitializeAsync()
        {
            Host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
            {
                ["Imaging:StoreFolder"] = Directory.CreateTempSubdirectory("portcullis-scans-").FullName,
                ["Access:SignInsPerMinute"] = "100000",
            });
            var now = DateTime.UtcNow;
            var later = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now, 710_001);
            var soon = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now, 710_002);
            var unlinked = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now, 710_003);
            var laterSelection = await SelectionFixtures.AddSelectionAsync(Host.Database, later, now, now.AddDays(2));
            var soonSelection = await SelectionFixtures.AddSelectionAsync(Host.Database, soon, now, now.AddHours(1));
            using var scanner = await Host.WithTokenAsync(Roles.ScanAnalyst, "*", TokenScopes.ScansWrite);
            foreach (var (name, container, selection, top) in new[] { ("unlinked", unlinked.ContainerNumber, (Guid?)null, 40000), ("later", later.ContainerNumber, laterSelection, 41000), ("soon", soon.ContainerNumber, soonSelection, 42000) })
            {
                using var response = await scanner.PostAsync("/api/v1/scans", ScanUploadFixtures.Form(ScanUploadFixtures.Png(100, 20, 1000, (ushort)top), new Dictionary<string, string> { ["subject"] = container }));
                var id = (await response.Content.ReadFromJsonAsync<SubmitScan.Receipt>(Json))!.Id;
                await using var db = Host.Database.CreateContext();
                (await db.Scans.SingleAsync(s => s.Id == id)).SelectionId = selection;
                await db.SaveChangesAsync();
                Scans[name] = (id, container);
            }
        }

        public Task<HttpClient> SessionAsync(string userName)
        {
            lock (_sessions)
            {
                if (!_sessions.TryGetValue(userName, out var session))
                {
                    session = Host.SignInAsync(userName);
                    _sessions[userName] = session;
                }

                return session;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var session in _sessions.Values.Where(s => s.IsCompletedSuccessfully))
            {
                (await session).Dispose();
            }

            await Host.DisposeAsync();
        }
    }

    public static TheoryData<string, int[]> Rows() => new()
    {
        // Columns: analyst, scananalyst, inspector (RTM), supervisor, auditor, admin, terminal, police.
        { "unlinked", [NotFound, Ok, NotFound, Ok, Ok, Forbidden, Forbidden, Forbidden] },
        { "later", [Ok, NotFound, NotFound, Ok, NotFound, Forbidden, Forbidden, Forbidden] },
        { "soon", [Ok, Ok, Ok, Ok, NotFound, Forbidden, Forbidden, Forbidden] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_role_sees_a_scan_exactly_when_it_may(string scan, int[] expected)
    {
        var (id, container) = seeded.Scans[scan];
        for (var i = 0; i < People.Length; i++)
        {
            var client = await seeded.SessionAsync(People[i]);
            using var detail = await client.GetAsync($"/api/v1/scans/{id}", TestContext.Current.CancellationToken);
            using var preview = await client.GetAsync($"/api/v1/scans/{id}/preview", TestContext.Current.CancellationToken);
            using var list = await client.GetAsync($"/api/v1/scans?container={container}", TestContext.Current.CancellationToken);
            Assert.True((int)detail.StatusCode == expected[i], $"{People[i]} GET scan {scan}: expected {expected[i]}, got {(int)detail.StatusCode}");
            Assert.True((int)preview.StatusCode == expected[i], $"{People[i]} GET preview {scan}: expected {expected[i]}, got {(int)preview.StatusCode}");
            if (expected[i] == Forbidden)
            {
                Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var listed = (await list.Content.ReadFromJsonAsync<List<GetScans.ScanView>>(Json, TestContext.Current.CancellationToken))!;
            Assert.True(listed.Count == (expected[i] == Ok ? 1 : 0), $"{People[i]} list {scan}: {listed.Count} scans");
            if (expected[i] == Ok)
            {
                Assert.Equal("image/png", preview.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task Every_view_of_a_scan_is_audited_and_a_hidden_one_is_not()
    {
        var (id, container) = seeded.Scans["unlinked"];
        var supervisor = await seeded.SessionAsync("supervisor");
        var analyst = await seeded.SessionAsync("analyst");
        await using var db = seeded.Host.Database.CreateContext();
        var before = await db.Audit.CountAsync(a => a.Action == "view.scan" && a.Subject == $"container {container}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/v1/scans/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/api/v1/scans/{id}", TestContext.Current.CancellationToken)).StatusCode);

        var rows = await db.Audit.Where(a => a.Action == "view.scan" && a.Subject == $"container {container}").OrderBy(a => a.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before + 1, rows.Count);
        Assert.Equal(("supervisor", $"scan {id}"), (rows[^1].Actor, rows[^1].Detail));
    }
}
