using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portcullis.Access;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Integrity.Readings;

/// <summary>POST /api/v1/readings and GET /api/v1/containers/{number}/readings through the real application.</summary>
public sealed class ReadingsApiTests
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_device_partner_posts_a_batch_and_customs_reads_the_container_newest_first()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        var cargo = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc), serial: 300001);
        using var partner = await host.WithTokenAsync(Roles.TerminalPartner, "RTM", TokenScopes.EventsWrite);
        var batch = $$"""
            [{"device":"ACME:1","id":"1","time":"2026-01-10T08:00:00Z","kind":"reefer","value":-18.4,"setPoint":-18,"container":"{{cargo.ContainerNumber}}","lat":-33.91,"lon":-18.42},
             {"device":"ACME:1","id":"2","time":"2026-01-10T09:00:00Z","door":"open","container":"{{cargo.ContainerNumber}}","battery":300},
             {"device":"ACME:1","time":"2026-01-10T09:00:00Z","door":"open"}]
            """;
        using var posted = await partner.PostAsync("/api/v1/readings", Body(batch));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var answer = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 0, 1), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("duplicates").GetInt32(), answer.GetProperty("rejected").GetInt32()));
        var issues = answer.GetProperty("issues").EnumerateArray().Select(i => (i.GetProperty("index").GetInt32(), i.GetProperty("code").GetString())).ToList();
        Assert.Equal([(1, "reading.bad-battery"), (2, "reading.missing-id")], issues);

        using var again = await partner.PostAsync("/api/v1/readings", Body(batch));
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 2), (second.GetProperty("accepted").GetInt32(), second.GetProperty("duplicates").GetInt32()));

        using var customs = await host.WithTokenAsync(Roles.TargetingAnalyst, "RTM", TokenScopes.Read);
        var readings = await customs.GetFromJsonAsync<JsonElement>($"/api/v1/containers/{cargo.ContainerNumber}/readings");
        Assert.Equal(["2", "1"], readings.EnumerateArray().Select(r => r.GetProperty("readingId").GetString()));
        var reefer = readings[1];
        Assert.Equal((-18.4, -18.0, -33.91), (reefer.GetProperty("value").GetDouble(), reefer.GetProperty("setPoint").GetDouble(), reefer.GetProperty("latitude").GetDouble()));
        Assert.Equal("reading.bad-battery", readings[0].GetProperty("warnings").GetString());

        using var elsewhere = await host.WithTokenAsync(Roles.TargetingAnalyst, "ZWB", TokenScopes.Read);
        using var hidden = await elsewhere.GetAsync($"/api/v1/containers/{cargo.ContainerNumber}/readings");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task A_body_with_nothing_acceptable_is_a_problem_naming_the_reason()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        using var partner = await host.WithTokenAsync(Roles.TerminalPartner, "RTM", TokenScopes.EventsWrite);
        (string Body, string Code)[] cases =
        [
            ("{\"device\":\"x\",", "reading.malformed-json"),
            ("""[{"device":"x","id":"1","time":"2099-01-01T00:00:00Z","door":"open"}]""", "reading.from-the-future"),
            ("\"readings\"", "reading.not-readings"),
        ];
        foreach (var (body, code) in cases)
        {
            using var response = await partner.PostAsync("/api/v1/readings", Body(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
    }
}
