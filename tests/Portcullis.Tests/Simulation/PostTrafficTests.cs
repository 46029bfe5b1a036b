using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Domain.Cargo;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Simulation;

/// <summary>
/// Outbound post end to end, as the demo runs it: the simulator's parcels reach the database
/// through ITMATT files, are scored like any consignment, and the POST hub's plan selects them.
/// </summary>
public sealed class PostTrafficTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Simulated_postal_items_are_stored_at_the_post_hub_scored_and_selected_within_its_capacity()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        // Two days ahead, so every shift of the planned day is still to come.
        var day = Shifts.LocalDate(DateTime.UtcNow).AddDays(2);
        var simulated = host.Services.GetRequiredService<IngestSimulatedTraffic>();
        await simulated.RunAsync(new SimulationOptions(Seed: 11, Scale: 0.02, FirstDay: day, Days: 1), null, TestContext.Current.CancellationToken);
        await RiskDemo.SetUpAsync(host.Services, TestContext.Current.CancellationToken);

        int postal;
        await using (var db = host.Database.CreateContext())
        {
            postal = await db.Consignments.CountAsync(c => c.HubCode == "POST" && c.Kind == ConsignmentKind.PostalItem, TestContext.Current.CancellationToken);
            Assert.True(postal > 50, $"a day at scale 0.02 should post well over 50 items, not {postal}");
            var scored = await db.Consignments.Where(c => c.HubCode == "POST")
                .Join(db.RiskScores, c => c.Id, s => s.ConsignmentId, (c, s) => s.Score)
                .ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(postal, scored.Count);
            Assert.Contains(scored, s => s > 0);
            Assert.Equal(postal, await db.Consignments.CountAsync(c => c.HubCode == "POST" && c.Parties.Any(p => p.Role == PartyRole.Consignor) && c.Goods.Count > 0, TestContext.Current.CancellationToken));
        }

        using var analyst = await host.SignInAsync("analyst");
        var response = await analyst.PostAsJsonAsync("/api/v1/selections/plan", new { hub = "POST", date = day }, TestContext.Current.CancellationToken);
        var filled = await response.Content.ReadFromJsonAsync<FillPlan.FillSummary>(Json, TestContext.Current.CancellationToken);

        // The default POST capacity: 40 scanner slots in each of three shifts (SelectionOptions).
        Assert.Equal(120, filled!.Capacity);
        Assert.True(filled.Candidates > 50, $"{filled.Candidates} candidate units");
        var selected = filled.Targeted + filled.Exploration + filled.Control + filled.WatchList;
        Assert.InRange(selected, 1, filled.Capacity);
        var selections = await analyst.GetFromJsonAsync<List<GetSelections.SelectionView>>($"/api/v1/selections?hub=POST&date={day:yyyy-MM-dd}", Json, TestContext.Current.CancellationToken);
        Assert.Equal(selected, selections!.Count);
        await using var check = host.Database.CreateContext();
        var references = await check.Consignments.Where(c => c.HubCode == "POST").Select(c => c.Reference).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(selections, s => Assert.Contains(s.Unit, references));
        Assert.All(selections, s => Assert.Equal("Consignment", s.UnitKind));
    }
}
