using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

/// <summary>
/// Need-to-know, one row per endpoint and role: the expected status codes are written out here by
/// hand, so that a change of access rules shows up as a failing test, not a silent widening.
/// </summary>
/// <remarks>
/// One host and one seeded database serve every row of the class (<see cref="Seeded"/>); a host per
/// row cost far more than the rows themselves. Rows that write do so under names of their own (the
/// <c>{role}</c> placeholder), on ids that do not exist, or on data whose changes no other row's
/// status depends on, so no row's outcome depends on another's side effects or on the order the
/// rows run in. Nothing scores consignments here (no profile or model is active), so the
/// "no score yet" rows stay 404 however long the host lives.
/// </remarks>
[Trait("Category", "security")]
public sealed class EndpointAccessTests(EndpointAccessTests.Seeded seeded) : IClassFixture<EndpointAccessTests.Seeded>
{
    private const int Ok = 200, Created = 201, Accepted = 202, BadRequest = 400, Unauthorized = 401, Forbidden = 403, NotFound = 404, Conflict = 409, UnsupportedMediaType = 415;

    // Demo accounts: analyst, scananalyst, inspector (RTM), supervisor, auditor, admin, terminal, police.
    private static readonly string[] People = ["analyst", "scananalyst", "inspector", "supervisor", "auditor", "admin", "terminal", "police"];

    // The role of each column above; a token may act in any role but administrator.
    private static readonly string[] ColumnRoles = [Roles.TargetingAnalyst, Roles.ScanAnalyst, Roles.HubInspector, Roles.Supervisor, Roles.Auditor, Roles.Administrator, Roles.TerminalPartner, Roles.PartnerAgency];

    private static readonly string[] TokenRoles = [.. ColumnRoles.Where(r => r != Roles.Administrator)];

    private static string HubsOf(string role) => role is Roles.HubInspector or Roles.TerminalPartner or Roles.PartnerAgency ? "RTM" : "*";

    /// <summary>The host and the data every row of the class reads, made once for the class.</summary>
    public sealed class Seeded : IAsyncLifetime
    {
        private readonly Dictionary<string, Task<HttpClient>> _sessions = new(StringComparer.Ordinal);

        public ApiHost Host { get; private set; } = null!;

        public CargoFixtures.Seeded Rotterdam { get; private set; } = null!;

        public CargoFixtures.Seeded Vlissingen { get; private set; } = null!;

        /// <summary>
        /// The container the manual-selection row selects: it arrives tomorrow, so that the plan row
        /// (which fills today's plan of the same hub) can never have selected it first.
        /// </summary>
        public CargoFixtures.Seeded VlissingenToSelect { get; private set; } = null!;

        public Guid Selection { get; private set; }

        /// <summary>A scan of the Rotterdam container, linked to <see cref="Selection"/>: need-to-know as that selection.</summary>
        public Guid Scan { get; private set; }

        private readonly string _scanStore = Directory.CreateTempSubdirectory("portcullis-access-scans-").FullName;

        /// <summary>One client per token role and single scope, with the hubs of that role's demo person.</summary>
        public Dictionary<(string Role, string Scope), HttpClient> Tokens { get; } = [];

        public async ValueTask InitializeAsync()
        {
            Host = await ApiHost.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
            {
                ["Ingest:DcsaSharedSecret"] = "test-subscription-secret",
                // All the class's sign-ins land on this one host, and the test server gives every request
                // the same (empty) address: the per-address limit is for real clients, no row is about it.
                ["Access:SignInsPerMinute"] = "100000",
                ["Imaging:StoreFolder"] = _scanStore,
            });
            var now = DateTime.UtcNow;
            Rotterdam = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "RTM", now, 100001);
            Vlissingen = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "ZWB", now, 100002);
            VlissingenToSelect = await CargoFixtures.AddReeferConsignmentAsync(Host.Database, "ZWB", now.AddDays(1), 100003);
            // Controlled in two days: the targeting team sees it, the inspection team's window is not open, the auditor's not yet.
            Selection = await SelectionFixtures.AddSelectionAsync(Host.Database, Rotterdam, now, now.AddDays(2));
            Scan = (await Imaging.ViewerScans.AddAsync(Host.Database, Host.Services.GetRequiredService<Portcullis.Imaging.DiskScanStore>(), Rotterdam.ContainerNumber, Selection, Imaging.ViewerScans.Pattern(8, 4, 1))).Id;

            await using var scope = Host.Services.CreateAsyncScope();
            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
            var secrets = new List<((string, string) Key, string Secret)>();
            foreach (var role in TokenRoles)
            {
                foreach (var tokenScope in TokenScopes.All)
                {
                    var created = await tokens.CreateAsync(new NewApiToken($"matrix {role} {tokenScope}", role, role == Roles.TerminalPartner ? "ECT Delta Terminal" : "Douane", [tokenScope], [HubsOf(role)], null), ApiHost.TestAdministrator, CancellationToken.None);

                    secrets.Add(((role, tokenScope), created.Secret));
                }
            }

            await scope.ServiceProvider.GetRequiredService<Portcullis.Storage.UnitOfWork>().CommitAsync(CancellationToken.None);
            foreach (var token in await tokens.ListAsync(CancellationToken.None))
            {
                if (token.AwaitingApproval)
                {
                    await tokens.ApproveAsync(token.Id, ApiHost.TestSupervisor, CancellationToken.None);
                }
            }

            await scope.ServiceProvider.GetRequiredService<Portcullis.Storage.UnitOfWork>().CommitAsync(CancellationToken.None);
            foreach (var (key, secret) in secrets)
            {
                var client = Host.Anonymous();
                client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
                Tokens[key] = client;
            }
        }

        /// <summary>
        /// One session per person, signed in through the form on first use and shared by the rows:
        /// no row changes a demo account (each request still checks the account's security stamp), and
        /// signing in hashes the password, which cost more than the requests of a row.
        /// </summary>
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

            foreach (var token in Tokens.Values)
            {
                token.Dispose();
            }

            await Host.DisposeAsync();
            Directory.Delete(_scanStore, recursive: true);
        }
    }

    public static TheoryData<string, string, string, int[]> Matrix()
    {
        // Columns: analyst, scananalyst, inspector, supervisor, auditor, admin, terminal, police.
        int[] everyone = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
        int[] customs = [Ok, Ok, Ok, Ok, Ok, Forbidden, Forbidden, Forbidden];
        int[] customsInRotterdamOnly = [Ok, Ok, NotFound, Ok, Ok, Forbidden, Forbidden, Forbidden];
        int[] customsListZwb = [Ok, Ok, Forbidden, Ok, Ok, Forbidden, Forbidden, Forbidden];
        int[] adminOnly = [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden];
        int[] adminCreates = [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Created, Forbidden, Forbidden];
        int[] adminNotFound = [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden];
        int[] submitters = [Accepted, Forbidden, Forbidden, Accepted, Forbidden, Accepted, Forbidden, Forbidden];
        int[] unsigned = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized];
        int[] submittersRead = [Ok, Forbidden, Forbidden, Ok, Forbidden, Ok, Forbidden, Forbidden];
        int[] submittersNotFound = [NotFound, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden];
        int[] operators = [Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok, Forbidden, Forbidden];
        int[] operatorsNotFound = [Forbidden, Forbidden, Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden];
        int[] riskReaders = [Ok, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden, Forbidden];
        int[] riskReadersNotFound = [NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden, Forbidden, Forbidden];
        int[] riskAuthors = [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] riskAuthorsCreate = [Created, Forbidden, Forbidden, Created, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] riskAuthorsNotFound = [NotFound, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] riskAuthorsBadRequest = [BadRequest, Forbidden, Forbidden, BadRequest, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] riskActivatorsNotFound = [Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] selectionCustoms = [Ok, Ok, Ok, Ok, Ok, Forbidden, Forbidden, Forbidden];
        int[] selectionCustomsNotFound = [NotFound, NotFound, NotFound, NotFound, NotFound, Forbidden, Forbidden, Forbidden];
        int[] targetingTeamOnly = [Ok, NotFound, NotFound, Ok, NotFound, Forbidden, Forbidden, Forbidden];
        int[] capacityReaders = [Ok, Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] supervisorsOnly = [Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] supervisorsNotFound = [Forbidden, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] planners = [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] plannersSelect = [Created, Forbidden, Forbidden, Conflict, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] reporters = [Ok, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden, Forbidden];
        int[] terminalOnly = [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden];
        int[] terminalNotFound = [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, Forbidden];
        int[] terminalBadRequest = [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, BadRequest, Forbidden];
        int[] releaseIssuersNotFound = [Forbidden, Forbidden, NotFound, NotFound, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] investigatorsBeforeControl = [Forbidden, Forbidden, Forbidden, Ok, NotFound, Forbidden, Forbidden, Forbidden];
        const string Missing = "00000000-0000-0000-0000-000000000001";
        int[] scanSenders = [Forbidden, UnsupportedMediaType, UnsupportedMediaType, UnsupportedMediaType, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] scanAnalystsNotFound = [Forbidden, NotFound, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden];
        int[] auditVerifiers = [Forbidden, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden, Forbidden];
        const string Profile = @"name: access {role}\nrules:\n  - id: reefer\n    weight: 0.3\n    reason: reefer\n    when: { reefer: true }\n";
        const string ScorePayload = """{"hub":"RTM","originCountry":"EC","portOfLoading":"ECGYE","portOfDischarge":"NLRTM","goods":[{"hsCode":"080390","description":"bananas","grossKg":20000,"valueEur":15000}],"containers":[{"number":"MSCU1234565","reefer":true}]}""";
        return new TheoryData<string, string, string, int[]>
        {
            { "POST", "/api/v1/ingest/edifact", Ingest.IngestFiles.GateIn("{role}"), submitters },
            { "POST", "/api/v1/ingest/dcsa/events", Ingest.IngestFiles.DcsaGateIn("ev-{role}"), submitters },
            { "POST", "/api/v1/ingest/cargo-xml", Ingest.Air.CargoXmlSamples.Waybill(messageId: "{role}"), submitters },
            { "POST", "/api/v1/ingest/one-record", Ingest.Air.OneRecordSamples.Waybill(id: "{role}"), submitters },
            { "POST", "/api/v1/dcsa/events", Ingest.IngestFiles.DcsaGateIn("cb-{role}"), unsigned },
            { "GET", "/api/v1/ingest/receipts", "", submittersRead },
            { "GET", "/api/v1/ingest/receipts/00000000-0000-0000-0000-000000000001", "", submittersNotFound },
            { "GET", "/api/v1/ingest/quarantine", "", operators },
            { "POST", "/api/v1/ingest/quarantine/00000000-0000-0000-0000-000000000001/retry", "", operatorsNotFound },
            { "POST", "/api/v1/risk/score", ScorePayload, riskAuthors },
            { "GET", "/api/v1/risk/consignments/{rtm}", "", riskReadersNotFound },
            { "GET", "/api/v1/risk/containers/{rtmContainer}", "", riskReadersNotFound },
            { "GET", "/api/v1/risk/ranking?hub=RTM", "", riskReaders },
            { "GET", "/api/v1/risk/profiles", "", riskReaders },
            { "GET", "/api/v1/risk/profiles/00000000-0000-0000-0000-000000000001", "", riskReadersNotFound },
            { "POST", "/api/v1/risk/profiles", "{\"yaml\":\"" + Profile + "\",\"reason\":\"access test\"}", riskAuthorsCreate },
            { "POST", "/api/v1/risk/profiles/00000000-0000-0000-0000-000000000001/activate", """{"reason":"access test"}""", riskActivatorsNotFound },
            { "POST", "/api/v1/risk/profiles/test-bench", "{\"yaml\":\"" + Profile + "\",\"days\":7}", riskAuthors },
            { "GET", "/api/v1/risk/models", "", riskReaders },
            { "POST", "/api/v1/risk/models/train", """{"from":"2020-01-01T00:00:00Z","to":"2020-02-01T00:00:00Z"}""", riskAuthorsBadRequest },
            { "POST", "/api/v1/risk/models/00000000-0000-0000-0000-000000000001/activate", """{"reason":"access test"}""", riskActivatorsNotFound },
            { "GET", "/api/v1/risk/drift", "", riskReaders },
            { "GET", "/api/v1/risk/watch-list", "", riskReaders },
            { "GET", "/api/v1/entities/00000000-0000-0000-0000-000000000001/network", "", riskReadersNotFound },
            { "POST", "/api/v1/risk/watch-list", """{"partyId":"00000000-0000-0000-0000-000000000001","reason":"access test"}""", riskAuthorsNotFound },
            { "DELETE", "/api/v1/risk/watch-list/00000000-0000-0000-0000-000000000001", "", riskAuthorsNotFound },
            { "GET", "/api/v1/capacity/{hub}/{date}", "", capacityReaders },
            { "PUT", "/api/v1/capacity/{hub}/{date}", """{"shifts":[{"shift":"early","scannerSlots":5,"physicalInspections":1}]}""", supervisorsOnly },
            { "POST", "/api/v1/selections/plan", """{"hub":"ZWB","date":"{date}"}""", planners },
            { "POST", "/api/v1/selections", """{"hub":"ZWB","unit":"{zwbContainerToSelect}","reason":"access test by {role}"}""", plannersSelect },
            { "GET", "/api/v1/selections?hub=RTM", "", selectionCustoms },
            { "GET", "/api/v1/selections/{selection}", "", targetingTeamOnly },
            { "GET", "/api/v1/selections/report?hub=RTM&from=2026-01-01&to=2026-01-31", "", reporters },
            { "GET", "/api/v1/monitoring/waterbed", "", supervisorsOnly },
            { "GET", "/api/v1/monitoring/hubs", "", supervisorsOnly },
            { "GET", "/api/v1/worklists/inspector", "", [Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden] },
            { "GET", "/api/v1/worklists/targeting", "", planners },
            { "GET", "/api/v1/worklists/supervisor", "", supervisorsOnly },
            { "GET", "/api/v1/worklists/scans", "", [Forbidden, Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden] },
            { "POST", $"/api/v1/selections/{Missing}/schedule", """{"version":1,"at":"2030-01-01T00:00:00Z"}""", selectionCustomsNotFound },
            { "POST", $"/api/v1/selections/{Missing}/scan", """{"version":1,"scanReference":"x"}""", selectionCustomsNotFound },
            { "POST", $"/api/v1/selections/{Missing}/verdict", """{"version":1,"verdict":"clear"}""", selectionCustomsNotFound },
            { "POST", $"/api/v1/selections/{Missing}/physical", """{"version":1}""", selectionCustomsNotFound },
            { "POST", $"/api/v1/selections/{Missing}/release", """{"version":1,"reason":"access test"}""", selectionCustomsNotFound },
            { "POST", $"/api/v1/selections/{Missing}/close", """{"version":1}""", selectionCustomsNotFound },
            { "POST", $"/api/v1/selections/{Missing}/photos", "", selectionCustomsNotFound },
            { "GET", $"/api/v1/selections/{Missing}/photos/{Missing}", "", selectionCustomsNotFound },
            { "POST", "/api/v1/scans", "", scanSenders },
            { "GET", $"/api/v1/scans/{Missing}", "", selectionCustomsNotFound },
            { "GET", "/api/v1/scans?container={rtmContainer}", "", selectionCustoms },
            { "GET", $"/api/v1/scans/{Missing}/preview", "", selectionCustomsNotFound },
            { "GET", "/api/v1/scans/{scan}/frames/{frame}", "", targetingTeamOnly },
            { "GET", $"/api/v1/scans/{Missing}/frames/{{frame}}", "", selectionCustomsNotFound },
            { "GET", $"/api/v1/scans/{Missing}/analysis", "", selectionCustomsNotFound },
            { "POST", $"/api/v1/scans/{Missing}/analyze", "", scanAnalystsNotFound },
            { "GET", "/api/v1/orders", "", terminalOnly },
            { "POST", $"/api/v1/orders/{Missing}/acknowledge", "{}", terminalNotFound },
            { "POST", "/api/v1/readings", """{"device":"access-{role}","id":"1","time":"2024-01-01T00:00:00Z","door":"open","lat":-33.9,"lon":-18.4}""", submittersRead },
            { "GET", "/api/v1/containers/{rtmContainer}/readings", "", customs },
            { "GET", "/api/v1/alarms", "", supervisorsOnly },
            { "POST", $"/api/v1/alarms/{Missing}/acknowledge", """{"note":"access test"}""", supervisorsNotFound },
            { "GET", $"/api/v1/alarms/{Missing}", "", supervisorsNotFound },
            { "POST", $"/api/v1/alarms/{Missing}/resolve", """{"resolution":"false-alarm","note":"access test"}""", supervisorsNotFound },
            { "POST", $"/api/v1/alarms/{Missing}/select", """{"note":"access test"}""", supervisorsNotFound },
            { "POST", "/api/v1/releases", """{"hub":"RTM","container":"ZZZU0000000","haulier":"ECT Delta Terminal"}""", releaseIssuersNotFound },
            { "POST", "/api/v1/releases/collect", """{"container":"{rtmContainer}"}""", terminalNotFound },
            { "POST", "/api/v1/releases/verify", """{"token":"not-a-token","container":"{rtmContainer}","haulier":"ECT Delta Terminal"}""", terminalBadRequest },
            { "GET", "/api/v1/sanctions/lists", "", [Ok, Forbidden, Forbidden, Ok, Forbidden, Ok, Forbidden, Forbidden] },
            { "POST", "/api/v1/sanctions/lists?source=ftm", """{"not":"a sanctions list"}""", [Forbidden, Forbidden, Forbidden, BadRequest, Forbidden, BadRequest, Forbidden, Forbidden] },
            { "GET", "/api/v1/sanctions/goods", "", [Ok, Forbidden, Forbidden, Ok, Forbidden, Ok, Forbidden, Forbidden] },
            { "POST", "/api/v1/sanctions/goods", """{"not":"a goods list"}""", [Forbidden, Forbidden, Forbidden, UnsupportedMediaType, Forbidden, UnsupportedMediaType, Forbidden, Forbidden] },
            { "GET", "/api/v1/sanctions/hits?status=open", "", planners },
            { "POST", $"/api/v1/sanctions/hits/{Missing}/confirm", """{"reason":"access test","version":1}""", [NotFound, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden] },
            { "POST", $"/api/v1/sanctions/hits/{Missing}/dismiss", """{"reason":"access test","version":1}""", [NotFound, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden] },
            { "GET", $"/api/v1/parties/{Missing}", "", [NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden, Forbidden, Forbidden] },
            { "POST", "/api/v1/entities/merge", $$"""{"ids":["{{Missing}}","00000000-0000-0000-0000-000000000002"],"reason":"access test"}""", [NotFound, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden] },
            { "POST", $"/api/v1/entities/{Missing}/split", """{"partyIds":[],"reason":"access test"}""", [NotFound, Forbidden, Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden] },
            { "GET", "/api/v1/geofences?hub=RTM", "", customs },
            { "POST", "/api/v1/geofences", """{"hub":"RTM","zones":{"type":"Feature","properties":{"name":"Access test yard","kind":"depot"},"geometry":{"type":"Polygon","coordinates":[[[4.0,51.95],[4.01,51.95],[4.01,51.96],[4.0,51.95]]]}}}""", operators },
            { "POST", $"/api/v1/geofences/{Missing}/retire", """{"reason":"access test"}""", operatorsNotFound },
            { "GET", "/api/v1/audit/who-knew/{rtmContainer}", "", investigatorsBeforeControl },
            { "GET", "/api/v1/audit/verify", "", auditVerifiers },
            { "GET", "/api/v1/audit/leads", "", [Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden] },
            { "GET", "/api/v1/audit/entries?actor=analyst", "", [Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden] },
            { "GET", "/api/v1/me", "", everyone },
            { "GET", "/api/v1/hubs", "", everyone },
            { "GET", "/api/v1/traffic", "", customs },
            { "GET", "/api/v1/consignments?hub=RTM", "", customs },
            { "GET", "/api/v1/consignments?hub=ZWB", "", customsListZwb },
            { "GET", "/api/v1/consignments/{rtm}", "", customs },
            { "GET", "/api/v1/consignments/{zwb}", "", customsInRotterdamOnly },
            { "GET", "/api/v1/consignments/{rtm}/dossier", "", customs },
            { "GET", "/api/v1/consignments/{zwb}/dossier", "", customsInRotterdamOnly },
            { "GET", "/api/v1/containers/{rtmContainer}", "", customs },
            { "GET", "/api/v1/containers/{rtmContainer}/dossier", "", customs },
            { "GET", "/api/v1/accounts", "", adminOnly },
            { "POST", "/api/v1/accounts", """{"userName":"new-{role}","role":"auditor","organisation":"Douane","hubs":["RTM"]}""", adminCreates },
            { "POST", "/api/v1/accounts/nobody-here/disable", "", adminNotFound },
            { "POST", "/api/v1/accounts/nobody-here/unlock", "", adminNotFound },
            { "POST", "/api/v1/accounts/nobody-here/approve", "", supervisorsNotFound },
            { "GET", "/api/v1/approvals", "", supervisorsOnly },
            { "GET", "/api/v1/tokens", "", adminOnly },
            { "POST", "/api/v1/tokens", """{"name":"tos {role}","role":"terminal-partner","organisation":"ECT","scopes":["orders:read"],"hubs":["RTM"]}""", adminCreates },
            { "DELETE", "/api/v1/tokens/00000000-0000-0000-0000-000000000001", "", adminNotFound },
            { "POST", $"/api/v1/tokens/{Missing}/approve", "", supervisorsNotFound },
        };
    }

    /// <summary>
    /// The scope each endpoint declares, written out by hand (route shapes as <see cref="Normalise"/>
    /// makes them): "people" = no token at all, "any" = every valid token, "signed" = a signed body, not a token.
    /// </summary>
    private static readonly Dictionary<(string Method, string Path), string> DeclaredScopes = new()
    {
        [("POST", "/api/v1/ingest/edifact")] = "ingest",
        [("POST", "/api/v1/ingest/dcsa/events")] = "ingest",
        [("POST", "/api/v1/ingest/cargo-xml")] = "ingest",
        [("POST", "/api/v1/ingest/one-record")] = "ingest",
        [("POST", "/api/v1/dcsa/events")] = "signed",
        [("GET", "/api/v1/ingest/receipts")] = "ingest",
        [("GET", "/api/v1/ingest/receipts/{}")] = "ingest",
        [("GET", "/api/v1/ingest/quarantine")] = "people",
        [("POST", "/api/v1/ingest/quarantine/{}/retry")] = "people",
        [("POST", "/api/v1/risk/score")] = "risk:score",
        [("GET", "/api/v1/risk/consignments/{}")] = "risk:read",
        [("GET", "/api/v1/risk/containers/{}")] = "risk:read",
        [("GET", "/api/v1/risk/ranking")] = "risk:read",
        [("GET", "/api/v1/entities/{}/network")] = "risk:read",
        [("GET", "/api/v1/risk/profiles")] = "risk:read",
        [("GET", "/api/v1/risk/profiles/{}")] = "risk:read",
        [("POST", "/api/v1/risk/profiles")] = "risk:write",
        [("POST", "/api/v1/risk/profiles/{}/activate")] = "people",
        [("POST", "/api/v1/risk/profiles/test-bench")] = "risk:write",
        [("GET", "/api/v1/risk/models")] = "risk:read",
        [("POST", "/api/v1/risk/models/train")] = "risk:write",
        [("POST", "/api/v1/risk/models/{}/activate")] = "people",
        [("GET", "/api/v1/risk/drift")] = "risk:read",
        [("GET", "/api/v1/risk/watch-list")] = "risk:read",
        [("POST", "/api/v1/risk/watch-list")] = "risk:write",
        [("DELETE", "/api/v1/risk/watch-list/{}")] = "risk:write",
        [("GET", "/api/v1/capacity/{}/{}")] = "people",
        [("PUT", "/api/v1/capacity/{}/{}")] = "people",
        [("POST", "/api/v1/selections/plan")] = "people",
        [("POST", "/api/v1/selections")] = "people",
        [("GET", "/api/v1/selections")] = "people",
        [("GET", "/api/v1/selections/{}")] = "people",
        [("GET", "/api/v1/selections/report")] = "people",
        [("GET", "/api/v1/monitoring/waterbed")] = "read",
        [("GET", "/api/v1/monitoring/hubs")] = "read",
        [("GET", "/api/v1/worklists/inspector")] = "people",
        [("GET", "/api/v1/worklists/targeting")] = "people",
        [("GET", "/api/v1/worklists/supervisor")] = "people",
        [("GET", "/api/v1/worklists/scans")] = "people",
        [("POST", "/api/v1/selections/{}/schedule")] = "people",
        [("POST", "/api/v1/selections/{}/scan")] = "people",
        [("POST", "/api/v1/selections/{}/verdict")] = "people",
        [("POST", "/api/v1/selections/{}/physical")] = "people",
        [("POST", "/api/v1/selections/{}/release")] = "people",
        [("POST", "/api/v1/selections/{}/close")] = "people",
        [("POST", "/api/v1/selections/{}/photos")] = "people",
        [("GET", "/api/v1/selections/{}/photos/{}")] = "people",
        [("POST", "/api/v1/scans")] = "scans:write scans:partner",
        [("GET", "/api/v1/scans/{}")] = "scans:write scans:partner",
        [("GET", "/api/v1/scans")] = "people",
        [("GET", "/api/v1/scans/{}/preview")] = "people",
        [("GET", "/api/v1/scans/{}/frames/{}")] = "people",
        [("GET", "/api/v1/scans/{}/analysis")] = "people",
        [("POST", "/api/v1/scans/{}/analyze")] = "people",
        [("GET", "/api/v1/orders")] = "orders:read",
        [("POST", "/api/v1/orders/{}/acknowledge")] = "orders:read",
        [("POST", "/api/v1/readings")] = "events:write",
        [("GET", "/api/v1/containers/{}/readings")] = "read",
        [("GET", "/api/v1/alarms")] = "people",
        [("POST", "/api/v1/alarms/{}/acknowledge")] = "people",
        [("GET", "/api/v1/alarms/{}")] = "people",
        [("POST", "/api/v1/alarms/{}/resolve")] = "people",
        [("POST", "/api/v1/alarms/{}/select")] = "people",
        [("POST", "/api/v1/releases")] = "people",
        [("POST", "/api/v1/releases/collect")] = "releases:collect",
        [("POST", "/api/v1/releases/verify")] = "orders:read",
        [("GET", "/api/v1/sanctions/lists")] = "people",
        [("POST", "/api/v1/sanctions/lists")] = "people",
        [("GET", "/api/v1/sanctions/goods")] = "people",
        [("POST", "/api/v1/sanctions/goods")] = "people",
        [("GET", "/api/v1/sanctions/hits")] = "people",
        [("POST", "/api/v1/sanctions/hits/{}/confirm")] = "people",
        [("POST", "/api/v1/sanctions/hits/{}/dismiss")] = "people",
        [("GET", "/api/v1/parties/{}")] = "risk:read",
        [("POST", "/api/v1/entities/merge")] = "people",
        [("POST", "/api/v1/entities/{}/split")] = "people",
        [("GET", "/api/v1/geofences")] = "people",
        [("POST", "/api/v1/geofences")] = "people",
        [("POST", "/api/v1/geofences/{}/retire")] = "people",
        [("GET", "/api/v1/audit/who-knew/{}")] = "people",
        [("GET", "/api/v1/audit/verify")] = "people",
        [("GET", "/api/v1/audit/leads")] = "people",
        [("GET", "/api/v1/audit/entries")] = "people",
        [("GET", "/api/v1/me")] = "any",
        [("GET", "/api/v1/hubs")] = "any",
        [("GET", "/api/v1/traffic")] = "read",
        [("GET", "/api/v1/consignments")] = "read",
        [("GET", "/api/v1/consignments/{}")] = "read",
        [("GET", "/api/v1/consignments/{}/dossier")] = "read",
        [("GET", "/api/v1/containers/{}")] = "read",
        [("GET", "/api/v1/containers/{}/dossier")] = "read",
        [("GET", "/api/v1/accounts")] = "people",
        [("POST", "/api/v1/accounts")] = "people",
        [("POST", "/api/v1/accounts/{}/disable")] = "people",
        [("POST", "/api/v1/accounts/{}/unlock")] = "people",
        [("POST", "/api/v1/accounts/{}/approve")] = "people",
        [("GET", "/api/v1/approvals")] = "people",
        [("POST", "/api/v1/tokens/{}/approve")] = "people",
        [("GET", "/api/v1/tokens")] = "people",
        [("POST", "/api/v1/tokens")] = "people",
        [("DELETE", "/api/v1/tokens/{}")] = "people",
    };

    /// <summary>
    /// Where a token with the right scope is answered differently from the person of the same role
    /// (columns as <see cref="People"/>; the administrator column is unused, no token has that role):
    /// terminals' systems submit files, people of the terminal do not; only analysts' systems score.
    /// </summary>
    private static readonly Dictionary<(string Method, string Path), int[]> TokenAnswers = new()
    {
        [("POST", "/api/v1/ingest/edifact")] = [Accepted, Forbidden, Forbidden, Accepted, Forbidden, 0, Accepted, Forbidden],
        [("POST", "/api/v1/ingest/dcsa/events")] = [Accepted, Forbidden, Forbidden, Accepted, Forbidden, 0, Accepted, Forbidden],
        [("POST", "/api/v1/ingest/cargo-xml")] = [Accepted, Forbidden, Forbidden, Accepted, Forbidden, 0, Accepted, Forbidden],
        [("POST", "/api/v1/ingest/one-record")] = [Accepted, Forbidden, Forbidden, Accepted, Forbidden, 0, Accepted, Forbidden],
        [("GET", "/api/v1/ingest/receipts")] = [Ok, Forbidden, Forbidden, Ok, Forbidden, 0, Ok, Forbidden],
        [("GET", "/api/v1/ingest/receipts/{}")] = [NotFound, Forbidden, Forbidden, NotFound, Forbidden, 0, NotFound, Forbidden],
        [("POST", "/api/v1/risk/score")] = [Ok, Forbidden, Forbidden, Forbidden, Forbidden, 0, Forbidden, Forbidden],
        [("POST", "/api/v1/readings")] = [Ok, Forbidden, Forbidden, Ok, Forbidden, 0, Ok, Forbidden],
        // Our scanners' systems act as scan analysts, hub inspectors or supervisors; a partner administration's as partner-agency.
        [("POST", "/api/v1/scans")] = [Forbidden, UnsupportedMediaType, UnsupportedMediaType, UnsupportedMediaType, Forbidden, 0, Forbidden, UnsupportedMediaType],
        [("GET", "/api/v1/scans/{}")] = [Forbidden, NotFound, NotFound, NotFound, Forbidden, 0, Forbidden, NotFound],
    };

    [Fact]
    public void Every_api_endpoint_declares_the_token_scope_written_here()
    {
        var endpoints = seeded.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var key = (method, Normalise(endpoint.RoutePattern.RawText!));
                var declared = endpoint.Metadata.GetOrderedMetadata<EndpointScope>();
                Assert.True(declared.Count == 1, $"{method} {key.Item2} declares {declared.Count} token scopes; declare exactly one (RequireScope, PeopleOnly, AnyToken or SignedBody).");
                Assert.True(DeclaredScopes.TryGetValue(key, out var expected), $"{method} {key.Item2} has no row in DeclaredScopes; add the scope it needs.");
                var actual = declared[0].Access switch
                {
                    TokenAccess.Scope => declared[0].Scope!,
                    TokenAccess.PeopleOnly => "people",
                    TokenAccess.AnyToken => "any",
                    _ => "signed",
                };
                Assert.True(expected == actual, $"{method} {key.Item2}: declared {actual}, expected {expected}.");
            }
        }
    }

    /// <summary>
    /// Every endpoint × every token role × every single scope: a token passes only when its scope is
    /// the declared one and its role passes the role rule (the person's answer of that role, or the
    /// row of <see cref="TokenAnswers"/>); every other combination is 403.
    /// </summary>
    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_token_gets_exactly_its_role_and_scope_access(string method, string path, string body, int[] expected)
    {
        var key = (method, Normalise(path));
        var declared = DeclaredScopes[key];
        var failures = new List<string>();
        for (var i = 0; i < ColumnRoles.Length; i++)
        {
            var role = ColumnRoles[i];
            if (role == Roles.Administrator)
            {
                continue;
            }

            foreach (var scope in TokenScopes.All)
            {
                // A declaration may name alternatives, space-separated (RequireAnyScope).
                var admitted = declared == "any" || declared.Split(' ').Contains(scope);
                var want = declared == "signed" ? Unauthorized
                    : !admitted ? Forbidden
                    : TokenAnswers.TryGetValue(key, out var answers) ? answers[i] : expected[i];
                using var response = await SendAsync(seeded.Tokens[(role, scope)], method, path, body, $"tok{i}");
                if ((int)response.StatusCode != want)
                {
                    failures.Add($"token {role} [{scope}] {method} {path}: expected {want}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_bearer_token_does_not_open_the_web_pages()
    {
        // The pages know roles, not scopes: a system's token is for the REST API only.
        var client = seeded.Tokens[(Roles.TargetingAnalyst, TokenScopes.Read)];
        using var page = await client.GetAsync("/consignments?hub=RTM");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/signin", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_exactly_its_access(string method, string path, string body, int[] expected)
    {
        for (var i = 0; i < People.Length; i++)
        {
            var client = await seeded.SessionAsync(People[i]);
            using var response = await SendAsync(client, method, path, body, People[i]);
            Assert.True((int)response.StatusCode == expected[i], $"{People[i]} {method} {path}: expected {expected[i]}, got {(int)response.StatusCode}");
            if ((int)response.StatusCode >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Anonymous_callers_get_401_everywhere(string method, string path, string body, int[] expected)
    {
        Assert.NotEmpty(expected);
        using var client = seeded.Host.Anonymous();
        using var response = await SendAsync(client, method, path, body, "anonymous");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, int[]> Pages()
    {
        const int Denied = 302;
        int[] everyone = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
        int[] customs = [Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied];
        int[] adminOnly = [Denied, Denied, Denied, Denied, Denied, Ok, Denied, Denied];
        int[] ingestOperators = [Denied, Denied, Denied, Ok, Denied, Ok, Denied, Denied];
        int[] riskReaders = [Ok, Denied, Denied, Ok, Ok, Denied, Denied, Denied];
        return new TheoryData<string, int[]>
        {
            { "/", everyone },
            // Every signed-in person has the page; what it lists is the role's own worklist (a list of another role asked for by name falls back to it).
            { "/work?list=supervisor", everyone },
            { "/denied", everyone },
            { "/account/password", everyone },
            { "/consignments?hub=RTM", customs },
            { "/consignments/{rtm}", customs },
            { "/containers", customs },
            { "/containers/{rtmContainer}", customs },
            { "/admin/accounts", adminOnly },
            { "/admin/approvals", [Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied] },
            { "/account/second-factor", everyone },
            { "/ingest", ingestOperators },
            { "/risk?hub=RTM", riskReaders },
            { "/selections?hub=RTM", customs },
            { "/geofences?hub=RTM", customs },
            { "/orders", [Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
            { "/alarms", [Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied] },
            { "/monitoring", [Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied] },
            { "/monitoring/waterbed", [Denied, Denied, Denied, Ok, Denied, Denied, Denied, Denied] },
            { "/audit", [Denied, Denied, Denied, Denied, Ok, Denied, Denied, Denied] },
            { "/scans", [Denied, Ok, Ok, Ok, Denied, Denied, Denied, Denied] },
            // A scan the person may not see answers the page with "no scan that you may see now", as a selection does.
            { "/scans/{scan}", customs },
            { "/scans/compare?a={scan}&b={scan}", customs },
            { "/sanctions", [Ok, Denied, Denied, Ok, Denied, Denied, Denied, Denied] },
            // A party the person may not see answers the page with "no party on a consignment of your hubs".
            { "/parties/00000000-0000-0000-0000-000000000001", [Ok, Denied, Denied, Ok, Ok, Denied, Denied, Denied] },
            // A control the person may not see (yet) answers the page with "no control that you may see now", as the API does.
            { "/inspections/00000000-0000-0000-0000-000000000002", customs },
        };
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_role_sees_exactly_its_pages(string path, int[] expected)
    {
        for (var i = 0; i < People.Length; i++)
        {
            var client = await seeded.SessionAsync(People[i]);
            using var response = await SendAsync(client, "GET", path, "", People[i]);
            Assert.True((int)response.StatusCode == expected[i], $"{People[i]} GET {path}: expected {expected[i]}, got {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("http://localhost/denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_page_is_in_the_page_matrix()
    {
        var covered = Pages().Select(row => Normalise((string)row.Data.Item1)).ToHashSet();
        var pages = typeof(Portcullis.Hosting.PortcullisWeb).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Cast<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => Normalise(r.Template))
            .Where(p => p != "/signin")
            .ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            Assert.True(covered.Contains(page), $"The page {page} has no row in the page matrix; add one.");
        }
    }

    [Fact]
    public async Task Terminal_partner_token_reads_no_cargo_data()
    {
        using var client = await seeded.Host.WithTokenAsync(Roles.TerminalPartner, "RTM", "orders:read");
        foreach (var path in new[] { "/api/v1/traffic", "/api/v1/consignments?hub=RTM", $"/api/v1/consignments/{seeded.Rotterdam.ConsignmentId}", $"/api/v1/containers/{seeded.Rotterdam.ContainerNumber}", "/api/v1/accounts",
            "/api/v1/risk/ranking?hub=RTM", $"/api/v1/risk/consignments/{seeded.Rotterdam.ConsignmentId}", $"/api/v1/risk/containers/{seeded.Rotterdam.ContainerNumber}", "/api/v1/risk/profiles", "/api/v1/risk/models", "/api/v1/risk/watch-list", "/api/v1/risk/drift" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }

        using var scoring = await seeded.Host.WithTokenAsync(Roles.TerminalPartner, "RTM", "risk:score");
        using var refused = await scoring.PostAsync("/api/v1/risk/score", new StringContent("""{"goods":[{"hsCode":"080390"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var system = await seeded.Host.WithTokenAsync(Roles.TargetingAnalyst, "RTM", "risk:score");
        using var allowed = await system.PostAsync("/api/v1/risk/score", new StringContent("""{"goods":[{"hsCode":"080390"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var me = await client.GetFromJsonAsync<Me.MeResponse>("/api/v1/me");
        Assert.Equal(Roles.TerminalPartner, me!.Role);
        Assert.True(me.IsSystem);
    }

    [Fact]
    public async Task Revoked_and_unknown_tokens_are_refused()
    {
        using var admin = await seeded.Host.SignInAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "scanner 7", role = "scan-analyst", organisation = "Douane", scopes = new[] { "scans:write" }, hubs = new[] { "RTM" } }))
            .Content.ReadFromJsonAsync<CreatedApiToken>();
        var supervisor = await seeded.SessionAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/v1/tokens/{created!.Token.Id}/approve", null)).StatusCode);
        using var system = seeded.Host.Anonymous();
        system.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/tokens/{created.Token.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/v1/me")).StatusCode);

        system.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/v1/me")).StatusCode);

        var list = await admin.GetStringAsync("/api/v1/tokens");
        Assert.DoesNotContain(created.Secret, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_account_loses_its_open_session()
    {
        using var admin = await seeded.Host.SignInAsync("admin");
        await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "temp.analyst", role = "targeting-analyst", organisation = "Douane", hubs = new[] { "RTM" }, password = "a-long-enough-password" });
        var supervisor = await seeded.SessionAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync("/api/v1/accounts/temp.analyst/approve", null)).StatusCode);
        using var analyst = await seeded.Host.SignInAsync("temp.analyst", "a-long-enough-password");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/traffic")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/accounts/temp.analyst/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/api/v1/traffic")).StatusCode);
    }

    [Fact]
    public void Every_api_endpoint_is_in_the_access_matrix()
    {
        var covered = Matrix().Select(row => ((string)row.Data.Item1, Normalise((string)row.Data.Item2))).ToHashSet();
        var endpoints = seeded.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, Normalise(e.RoutePattern.RawText!))))
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            Assert.True(covered.Contains(endpoint), $"{endpoint.m} {endpoint.Item2} has no row in the access matrix; add one.");
        }
    }

    // Route templates and concrete test paths both become a shape like /api/v1/consignments/{}.
    private static string Normalise(string path)
    {
        var noQuery = path.Split('?')[0];
        noQuery = noQuery.Length > 1 ? noQuery.TrimEnd('/') : noQuery;
        var segments = noQuery.Split('/').Select(s => s.StartsWith('{') || Guid.TryParse(s, out _) || s == "nobody-here" ? "{}" : s);
        return string.Join('/', segments);
    }

    private string Fill(string text) => text.Replace("{rtm}", seeded.Rotterdam.ConsignmentId.ToString(), StringComparison.Ordinal)
        .Replace("{zwb}", seeded.Vlissingen.ConsignmentId.ToString(), StringComparison.Ordinal)
        .Replace("{rtmContainer}", seeded.Rotterdam.ContainerNumber, StringComparison.Ordinal)
        .Replace("{zwbContainerToSelect}", seeded.VlissingenToSelect.ContainerNumber, StringComparison.Ordinal)
        .Replace("{selection}", seeded.Selection.ToString(), StringComparison.Ordinal)
        .Replace("{scan}", seeded.Scan.ToString(), StringComparison.Ordinal)
        .Replace("{frame}", "0", StringComparison.Ordinal)
        .Replace("{hub}", "RTM", StringComparison.Ordinal)
        .Replace("{date}", Portcullis.Selection.Shifts.LocalDate(seeded.Rotterdam.ArrivedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string body, string role)
    {
        var url = Fill(path);
        body = Fill(body);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body.Length > 0)
        {
            var mediaType = body.StartsWith("UNA", StringComparison.Ordinal) ? "application/EDIFACT" : body.StartsWith('<') ? "application/xml" : "application/json";
            request.Content = new StringContent(body.Replace("{role}", role, StringComparison.Ordinal), System.Text.Encoding.UTF8, mediaType);
        }

        return client.SendAsync(request);
    }
}
