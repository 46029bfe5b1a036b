using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>
/// For `serve --demo`: a targeting team of five in Rotterdam that has read the past days' selection
/// lists through the same function the API and the pages use (each selection shown is a
/// <c>view.selection</c> entry in the log), four of them the last one or two days as their work
/// asks, one of them ten days back. Without staff activity the auditor's leads would open empty;
/// with it they show what a lead looks like: the many-views signal against the four peers, with the
/// evidence entries. The views are made now (the log's time is the time of the view, never back-dated),
/// so the signals that need a view before a control or an alarm cannot fire in the demo.
/// </summary>
public static class AuditDemo
{
    public sealed record Summary(int Accounts, int Views, string Reader);

    public const string Hub = "RTM";

    /// <summary>The team and how many past days' lists each one read; the last reads far more than the work asks.</summary>
    public static readonly IReadOnlyList<(string UserName, int Days)> Team =
        [("t.dekker", 1), ("t.smit", 2), ("t.vos", 1), ("t.mulder", 2), ("t.brouwer", 10)];

    private static readonly AccessActor Seed = new("seed", null);

    public static async Task<Summary> SetUpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<Database>();
        var clock = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<SelectionOptions>();
        await using (var db = database.CreateContext())
        {
            var accounts = new Accounts(db, clock);
            var existing = (await accounts.ListAsync(cancellationToken)).Select(a => a.UserName).ToHashSet(StringComparer.Ordinal);
            foreach (var (userName, _) in Team.Where(t => !existing.Contains(t.UserName)))
            {
                await accounts.CreateAsync(new NewAccount(userName, $"Demo targeting analyst {userName}", Roles.TargetingAnalyst, "Douane", [Hub], InitialAccounts.DemoPassword),
                    Seed, cancellationToken, seeded: true);
            }

            // Seeding, like the other demo set-ups, runs before any request's unit of work exists.
            await db.SaveChangesAsync(cancellationToken);
        }

        var today = Shifts.LocalDate(clock.GetUtcNow().UtcDateTime);
        var views = 0;
        foreach (var (userName, days) in Team)
        {
            await using var db = database.CreateContext();
            var account = await db.Accounts.AsNoTracking().Include(a => a.Organisation).SingleAsync(a => a.UserName == userName, cancellationToken);
            var user = new CurrentUser(account.Id, account.UserName, account.Role, account.OrganisationId, account.Organisation!.Name, [Hub], [], IsSystem: false);
            for (var back = 1; back <= days; back++)
            {
                views += (await GetSelections.VisibleAsync(db, clock, options, user, Hub, today.AddDays(-back), cancellationToken)).Count;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new Summary(Team.Count, views, Team[^1].UserName);
    }
}
