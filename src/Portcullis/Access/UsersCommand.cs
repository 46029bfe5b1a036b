using System.CommandLine;
using Portcullis.Hosting;
using Spectre.Console;

namespace Portcullis.Access;

/// <summary>`portcullis users add|list|disable`: account administration from the command line.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Accounts of people: add, list, disable, unlock, approve the first supervisor.");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(Disable());
        users.Subcommands.Add(Approve());
        users.Subcommands.Add(Unlock());
        return users;
    }

    private static Command Add()
    {
        var userName = new Argument<string>("username") { Description = "User name (letters, digits, . - _ @)." };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        var organisation = new Option<string>("--org") { Description = "Organisation the person works for.", DefaultValueFactory = _ => "Douane" };
        var hubs = new Option<string[]>("--hubs") { Description = "Hub codes (RTM, ZWB, NZK, SPL, FLW, POST) or * for all.", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating a one-time password." };
        var add = new Command("add", "Creates an account; prints a one-time password unless --password-stdin is given.") { userName, role, organisation, hubs, name, passwordStdin };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var password = parse.GetValue(passwordStdin) ? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') : null;
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var accounts = app.Get<Accounts>();
            var created = await accounts.CreateAsync(new NewAccount(parse.GetValue(userName)!, parse.GetValue(name) ?? "", parse.GetValue(role)!, parse.GetValue(organisation)!, parse.GetValue(hubs)!, password), new AccessActor(app.Actor, null), cancellationToken);
            await app.CommitAsync(cancellationToken);
            Console.WriteLine($"Created {created.Account.UserName} ({created.Account.Role}, {created.Account.Organisation}, hubs {string.Join(",", created.Account.Hubs)}).");
            if (created.Account.AwaitingApproval)
            {
                Console.WriteLine("Its role sees cargo data: it works once a supervisor approved it (web UI: Approvals; the first supervisor: 'portcullis users approve NAME').");
            }
            if (created.OneTimePassword is not null)
            {
                Console.WriteLine($"One-time password (shown once, to be changed at first sign-in): {created.OneTimePassword}");
            }

            return 0;
        });
        return add;
    }

    private static Command List()
    {
        var list = new Command("list", "Lists accounts.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var rows = await app.Get<Accounts>().ListAsync(cancellationToken);
            var table = new Table().AddColumns("User", "Name", "Role", "Organisation", "Hubs", "State");
            foreach (var a in rows)
            {
                table.AddRow(Markup.Escape(a.UserName), Markup.Escape(a.DisplayName), a.Role, Markup.Escape(a.Organisation), string.Join(",", a.Hubs), a.Disabled ? "disabled" : a.AwaitingApproval ? "awaiting approval" : a.LockedUntil is not null ? "locked" : a.MustChangePassword ? "must change password" : "active");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command Approve() => OnAccount(
        "approve",
        "Approves the installation's first supervisor (when no approved supervisor exists yet); after that supervisors approve in the web UI.",
        (accounts, name, actor, ct) => accounts.ApproveFirstSupervisorAsync(name, actor, ct),
        a => $"Approved {a.UserName} as the first supervisor.");

    private static Command Unlock() => OnAccount(
        "unlock",
        "Ends a lockout after failed sign-ins.",
        (accounts, name, actor, ct) => accounts.UnlockAsync(name, actor, ct),
        a => $"Unlocked {a.UserName}.");

    private static Command Disable() => OnAccount(
        "disable",
        "Disables an account; its open sessions end at their next request.",
        (accounts, name, actor, ct) => accounts.DisableAsync(name, actor, ct),
        a => $"Disabled {a.UserName}.");

    // One administrative act on one account, audited as the command line's operator and committed.
    private static Command OnAccount(string name, string description, Func<Accounts, string, AccessActor, CancellationToken, Task<AccountSummary>> act, Func<AccountSummary, string> done)
    {
        var userName = new Argument<string>("username");
        var command = new Command(name, description) { userName };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var account = await act(app.Get<Accounts>(), parse.GetValue(userName)!, new AccessActor(app.Actor, null), cancellationToken);
            await app.CommitAsync(cancellationToken);
            Console.WriteLine(done(account));
            return 0;
        });
        return command;
    }
}
