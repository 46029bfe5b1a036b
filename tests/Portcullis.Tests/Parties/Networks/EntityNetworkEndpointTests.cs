using System.Net;
using System.Net.Http.Json;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Parties;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties.Networks;

/// <summary>
/// GET /api/v1/entities/{id}/network: who may read it, and that a person sees only what the cargo of
/// their own hubs shows (a company known only from another hub's consignment is not in the answer).
/// </summary>
public sealed class EntityNetworkEndpointTests(EntityNetworkEndpointTests.Host host) : IClassFixture<EntityNetworkEndpointTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ApiHost Api { get; private set; } = null!;

        public Party Rotterdam1 { get; } = Company("Zuidkade Import BV", "+31 10 555 0123");

        public Party Rotterdam2 { get; } = Company("ZUIDKADE TRADING", "0031105550123");

        public Party Vlissingen { get; } = Company("Zuidkade Logistics", "010-5550123");

        public async ValueTask InitializeAsync()
        {
            Api = await ApiHost.StartAsync(Provider.Sqlite);
            var now = DateTime.UtcNow.AddHours(-2);
            await using var db = Api.Database.CreateContext();
            db.Parties.AddRange(Rotterdam1, Rotterdam2, Vlissingen);
            db.Consignments.AddRange(Consignment(Rotterdam1, "RTM", now, 1), Consignment(Rotterdam2, "RTM", now, 2), Consignment(Vlissingen, "ZWB", now, 3));
            await db.SaveChangesAsync();
        }

        public async ValueTask DisposeAsync() => await Api.DisposeAsync();

        private static Party Company(string name, string phone) => new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            CountryCode = "NL",
            FirstSeen = DateTime.UtcNow.AddDays(-5),
            Phone = phone,
        };

        private static Consignment Consignment(Party consignee, string hub, DateTime arrived, int serial)
        {
            var id = Guid.NewGuid();
            return new Consignment
            {
                Id = id,
                Reference = "NETBL" + serial,
                Kind = ConsignmentKind.SeaContainer,
                Direction = Direction.Import,
                HubCode = hub,
                BookedAt = arrived.AddDays(-20),
                ArrivedAt = arrived,
                OriginCountry = "EC",
                Route = new Route { PortOfLoading = "ECGYE", PortOfDischarge = "NLRTM" },
                Parties = [new ConsignmentParty { ConsignmentId = id, Role = PartyRole.Consignee, PartyId = consignee.Id }],
            };
        }
    }

    [Fact]
    public async Task An_analyst_of_all_hubs_sees_the_companies_sharing_a_phone_however_written()
    {
        using var analyst = await host.Api.SignInAsync("analyst");

        var view = await analyst.GetFromJsonAsync<GetEntityNetwork.NetworkView>($"/api/v1/entities/{host.Rotterdam1.Id}/network", TestContext.Current.CancellationToken);

        Assert.Equal(
            [(host.Rotterdam1.Id, 0), (host.Rotterdam2.Id, 1), (host.Vlissingen.Id, 1)],
            view!.Nodes.Select(n => (n.Id, n.Hops)).OrderBy(n => n.Hops).ThenBy(n => n.Id == host.Rotterdam2.Id ? 0 : 1));
        Assert.All(view.Edges, e => Assert.Equal(("phone", "+31105550123"), (e.Kind, e.Value)));
        Assert.Equal(3, view.Edges.Count);
    }

    [Fact]
    public async Task A_Rotterdam_analyst_does_not_see_a_company_known_only_from_another_hub()
    {
        using var rotterdam = await host.Api.WithTokenAsync(Roles.TargetingAnalyst, "RTM", TokenScopes.RiskRead);
        var ct = TestContext.Current.CancellationToken;

        var view = await rotterdam.GetFromJsonAsync<GetEntityNetwork.NetworkView>($"/api/v1/entities/{host.Rotterdam1.Id}/network", ct);
        using var other = await rotterdam.GetAsync($"/api/v1/entities/{host.Vlissingen.Id}/network", ct);

        Assert.Equal([host.Rotterdam1.Id, host.Rotterdam2.Id], view!.Nodes.Select(n => n.Id));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData("supervisor", HttpStatusCode.OK)]
    [InlineData("auditor", HttpStatusCode.OK)]
    [InlineData("scananalyst", HttpStatusCode.Forbidden)]
    [InlineData("inspector", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    public async Task Only_targeting_supervisors_and_auditors_read_the_network(string person, HttpStatusCode expected)
    {
        using var client = await host.Api.SignInAsync(person);

        using var response = await client.GetAsync($"/api/v1/entities/{host.Rotterdam1.Id}/network", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_token_needs_the_risk_read_scope()
    {
        using var readOnly = await host.Api.WithTokenAsync(Roles.TargetingAnalyst, "*", TokenScopes.Read);

        using var unscoped = await readOnly.GetAsync($"/api/v1/entities/{host.Rotterdam1.Id}/network", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, unscoped.StatusCode);
    }

    [Fact]
    public async Task Hops_other_than_one_or_two_are_refused_with_a_problem()
    {
        using var analyst = await host.Api.SignInAsync("analyst");

        using var response = await analyst.GetAsync($"/api/v1/entities/{host.Rotterdam1.Id}/network?hops=5", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task A_limit_outside_one_to_five_hundred_is_refused_with_a_problem_that_names_the_range(int limit)
    {
        using var analyst = await host.Api.SignInAsync("analyst");

        using var response = await analyst.GetAsync($"/api/v1/entities/{host.Rotterdam1.Id}/network?limit={limit}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1 to 500", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
