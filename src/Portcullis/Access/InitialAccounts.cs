using Portcullis.Storage;

namespace Portcullis.Access;

public sealed record DemoAccount(string UserName, string Password, string Role, string Organisation, string Hubs);

/// <summary>Accounts made at start: one administrator on a fresh database, or one account per role for the demo.</summary>
public static class InitialAccounts
{
    public const string DemoPassword = "portcullis-demo";

    // Seeding acts for the operator who started the program; the audit log names it so.
    private static readonly AccessActor Seed = new("seed", null);

    /// <summary>Creates an administrator with a one-time password when the database has no accounts; returns the password, or null.</summary>
    public static async Task<string?> EnsureAdministratorAsync(Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var accounts = new Accounts(db, clock);
        if (await accounts.AnyAsync(cancellationToken))
        {
            return null;
        }

        var created = await accounts.CreateAsync(new NewAccount("admin", "Administrator", Roles.Administrator, "Douane", ["*"], null), Seed, cancellationToken, seeded: true);
        // Seeding, like a migration, runs before any unit of work exists.
        await db.SaveChangesAsync(cancellationToken);
        return created.OneTimePassword;
    }

    /// <summary>One account per role for demonstrations, all with the same published password.</summary>
    public static async Task<IReadOnlyList<DemoAccount>> EnsureDemoAccountsAsync(Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        DemoAccount[] wanted =
        [
            new("analyst", DemoPassword, Roles.TargetingAnalyst, "Douane", "*"),
            new("scananalyst", DemoPassword, Roles.ScanAnalyst, "Douane", "*"),
            new("inspector", DemoPassword, Roles.HubInspector, "Douane", "RTM"),
            new("supervisor", DemoPassword, Roles.Supervisor, "Douane", "*"),
            new("auditor", DemoPassword, Roles.Auditor, "Douane", "*"),
            new("admin", DemoPassword, Roles.Administrator, "Douane", "*"),
            new("terminal", DemoPassword, Roles.TerminalPartner, "ECT Delta Terminal", "RTM"),
            new("police", DemoPassword, Roles.PartnerAgency, "Zeehavenpolitie Rotterdam", "RTM"),
        ];

        await using var db = database.CreateContext();
        var accounts = new Accounts(db, clock);
        var existing = (await accounts.ListAsync(cancellationToken)).Select(a => a.UserName).ToHashSet();
        foreach (var account in wanted.Where(a => !existing.Contains(a.UserName)))
        {
            await accounts.CreateAsync(new NewAccount(account.UserName, $"Demo {account.Role}", account.Role, account.Organisation, [account.Hubs], account.Password), Seed, cancellationToken, seeded: true);
        }

        await db.SaveChangesAsync(cancellationToken);

        return wanted;
    }
}
