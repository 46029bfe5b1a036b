using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Cargo;
using Portcullis.Domain.Cargo;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Cargo;

/// <summary>A forwarder on most of a month's consignments: the dossier reads a capped number of them, and says so.</summary>
public sealed class PartyHistoryCapTests
{
    [Fact]
    public async Task A_party_on_more_earlier_consignments_than_the_cap_shows_more_than_the_cap_and_no_first_arrival()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var now = clock.GetUtcNow().UtcDateTime;
        var seeded = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddHours(-2), 530_001);
        var template = await CargoFixtures.AddReeferConsignmentAsync(host.Database, "RTM", now.AddDays(-3), 530_002);
        Guid consignor;
        await using (var db = host.Database.CreateContext())
        {
            consignor = await db.Set<ConsignmentParty>().Where(p => p.ConsignmentId == seeded.ConsignmentId && p.Role == PartyRole.Consignor).Select(p => p.PartyId).SingleAsync(ct);
            // Copies of the earlier consignment, each with the seeded consignment's consignor: the template plus this many is the cap and one more.
            var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('consignments')").ToListAsync(ct);
            var select = string.Join(", ", columns.Select(c => c switch
            {
                "Id" => "n.id",
                "Reference" => "'CAP' || n.i",
                _ => $"c.\"{c}\"",
            }));
            var copies = PartyHistory.ReadCap;
            // Every value in this SQL is the test's own (column names from the schema, ids it created): nothing from outside.
            var sql =
                $"""
                CREATE TEMP TABLE copies AS WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {copies})
                SELECT i, printf('00000000-0000-0000-0000-%012d', i) AS id FROM s;
                INSERT INTO consignments ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
                SELECT {select} FROM copies n, consignments c WHERE c."Id" = '{template.ConsignmentId.ToString().ToUpperInvariant()}';
                INSERT INTO consignment_parties ("ConsignmentId", "Role", "PartyId") SELECT id, 'Consignor', '{consignor.ToString().ToUpperInvariant()}' FROM copies;
                UPDATE consignment_parties SET "PartyId" = '{consignor.ToString().ToUpperInvariant()}' WHERE "ConsignmentId" = '{template.ConsignmentId.ToString().ToUpperInvariant()}' AND "Role" = 'Consignor';
                """;
            await db.Database.ExecuteSqlRawAsync(sql, ct);
            Assert.Equal(PartyHistory.ReadCap + 1, await db.Set<ConsignmentParty>().CountAsync(p => p.PartyId == consignor && p.ConsignmentId != seeded.ConsignmentId, ct));
        }

        using var analyst = await host.SignInAsync("analyst");
        var dossier = (await analyst.GetFromJsonAsync<ConsignmentDossier.Dossier>($"/api/v1/consignments/{seeded.ConsignmentId}/dossier", new JsonSerializerOptions(JsonSerializerDefaults.Web), ct))!;

        var history = dossier.Parties.Single(p => p.Role == "Consignor").History;
        Assert.True(history.More);
        Assert.Equal(PartyHistory.ReadCap, history.Earlier);
        Assert.Null(history.FirstArrived);
        Assert.Equal(["RTM"], history.Hubs);
        // The consignee, on no other consignment, is read in full.
        var consignee = dossier.Parties.Single(p => p.Role == "Consignee").History;
        Assert.False(consignee.More);
    }
}
