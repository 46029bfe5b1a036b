using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Domain.Cargo;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Simulation;

/// <summary>The simulator's ground truth never leaves through the API, for any role that can see cargo.</summary>
public sealed class GroundTruthIsolationTests
{
    private static readonly string[] ForbiddenPropertyNames = ["concealment", "kilograms", "substance", "smuggl", "groundtruth", "truth"];

    [Fact]
    public async Task No_api_response_reveals_which_consignments_hide_drugs()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await new StoreSimulatedTraffic(host.Database).RunAsync(new SimulationOptions(7, 0.05, today, 1), null, CancellationToken.None);
        var cases = await host.Services.GetRequiredService<GroundTruthVault>().ReadAllForEvaluationAsync(CancellationToken.None);
        Assert.NotEmpty(cases);

        using var supervisor = await host.SignInAsync("supervisor");
        var bodies = new List<string> { await supervisor.GetStringAsync("/api/v1/traffic") };
        // The API document describes inspection findings (substance, kilograms, concealment): what
        // inspectors record about what they opened, not the simulator's truth. It must still name no pattern.
        var openApi = await supervisor.GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain(cases.Select(c => c.Pattern).Distinct(), p => openApi.Contains(p, StringComparison.Ordinal));
        foreach (var hub in cases.Select(c => HubOf(host.Database, c.ConsignmentId)).Distinct())
        {
            bodies.Add(await supervisor.GetStringAsync($"/api/v1/consignments?hub={hub}&take=500"));
        }

        foreach (var smuggling in cases.Take(25))
        {
            bodies.Add(await supervisor.GetStringAsync($"/api/v1/consignments/{smuggling.ConsignmentId}"));
            if (smuggling.ContainerNumber is not null)
            {
                bodies.Add(await supervisor.GetStringAsync($"/api/v1/containers/{smuggling.ContainerNumber}"));
            }
        }

        var concealmentNames = Enum.GetNames<ConcealmentMethod>();
        foreach (var body in bodies)
        {
            var root = JsonDocument.Parse(body).RootElement;
            foreach (var name in PropertyNames(root))
            {
                Assert.DoesNotContain(ForbiddenPropertyNames, f => name.Contains(f, StringComparison.OrdinalIgnoreCase));
            }

            var values = StringValues(root).ToHashSet();
            Assert.DoesNotContain(concealmentNames, values.Contains);
            Assert.DoesNotContain(cases.Select(c => c.Pattern).Distinct(), p => body.Contains(p, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_cargo_context_exposes_no_set_of_ground_truth()
    {
        var sets = typeof(PortcullisDb).GetProperties().Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(t => t.GetGenericArguments()[0]);
        Assert.DoesNotContain(typeof(SmugglingCase), sets);
        Assert.DoesNotContain(typeof(Consignment).GetProperties(), p => p.PropertyType == typeof(SmugglingCase));
    }

    private static string HubOf(Database database, Guid consignmentId)
    {
        using var db = database.CreateContext();
        return db.Consignments.Where(c => c.Id == consignmentId).Select(c => c.HubCode).Single();
    }

    private static IEnumerable<string> StringValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringValues(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringValues),
        _ => [],
    };

    private static IEnumerable<string> PropertyNames(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                yield return property.Name;
                foreach (var inner in PropertyNames(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray().SelectMany(PropertyNames))
            {
                yield return item;
            }
        }
    }
}
