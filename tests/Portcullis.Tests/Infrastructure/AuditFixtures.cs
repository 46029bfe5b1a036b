using Microsoft.Extensions.DependencyInjection;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;

namespace Portcullis.Tests.Infrastructure;

/// <summary>A team of targeting analysts at one hub and one of them looking at far more scores than the rest: a lead to find.</summary>
public static class AuditFixtures
{
    /// <summary>The peers' score views: their median is 11.5, their MAD 1.</summary>
    public static readonly int[] PeerViews = [10, 11, 12, 13];

    public const int LeakViews = 30;

    /// <summary>
    /// Creates the accounts (through the accounts service, as an administrator would) and records their score
    /// views now (through <see cref="AuditLog.RecordView"/>, as the risk endpoints do): peers peer1..peer4, and <paramref name="leak"/>.
    /// </summary>
    public static async Task AddTeamAsync(IServiceProvider services, Database database, string leak)
    {
        string[] peers = [.. PeerViews.Select((_, i) => $"{leak}-peer{i + 1}")];
        var users = new Dictionary<string, CurrentUser>(StringComparer.Ordinal);
        await using (var scope = services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            foreach (var name in peers.Append(leak))
            {
                var created = await accounts.CreateAsync(new NewAccount(name, name, Roles.TargetingAnalyst, "Douane", ["RTM"], null), ApiHost.TestAdministrator, CancellationToken.None, seeded: true);
                users[name] = new CurrentUser(created.Account.Id, name, Roles.TargetingAnalyst, Guid.Empty, "Douane", ["RTM"], [], false);
            }

            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().CommitAsync(CancellationToken.None);
        }

        // The host's own clock: the browser server's is not the real one (Browser/WebServerFixture).
        var clock = services.GetRequiredService<TimeProvider>();
        await using var db = database.CreateContext();
        for (var p = 0; p < peers.Length; p++)
        {
            for (var i = 0; i < PeerViews[p]; i++)
            {
                AuditLog.RecordView(db, clock, users[peers[p]], "score", $"consignment PEER{p}-{i}", "score 0.2");
            }
        }

        for (var i = 0; i < LeakViews; i++)
        {
            AuditLog.RecordView(db, clock, users[leak], "score", $"consignment LEAK-{i}", "score 0.7");
        }

        await db.SaveChangesAsync();
    }
}
