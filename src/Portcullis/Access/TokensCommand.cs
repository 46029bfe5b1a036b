using System.CommandLine;
using Portcullis.Hosting;
using Spectre.Console;

namespace Portcullis.Access;

/// <summary>`portcullis tokens add|list|revoke`: bearer tokens for terminals, carriers, scanners and agencies.</summary>
public static class TokensCommand
{
    public static Command Create()
    {
        var tokens = new Command("tokens", "API tokens for systems: add, list, revoke.");

        var name = new Argument<string>("name") { Description = "Which system uses the token, e.g. 'ECT Delta TOS'." };
        var role = new Option<string>("--role") { Description = "Role the system acts in, e.g. terminal-partner.", Required = true };
        var organisation = new Option<string>("--org") { Description = "Organisation of the system.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = $"One or more of: {string.Join(", ", ApiTokens.KnownScopes)}.", Required = true, AllowMultipleArgumentsPerToken = true };
        var hubs = new Option<string[]>("--hubs") { Description = "Hub codes or *.", Required = true, AllowMultipleArgumentsPerToken = true };
        var days = new Option<int?>("--valid-days") { Description = "Days until the token expires (default: no expiry)." };
        var add = new Command("add", "Creates a token and prints its secret once.") { name, role, organisation, scopes, hubs, days };
        add.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var service = app.Get<ApiTokens>();
            var created = await service.CreateAsync(new NewApiToken(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(organisation)!, parse.GetValue(scopes)!, parse.GetValue(hubs)!, parse.GetValue(days)), new AccessActor(app.Actor, null), cancellationToken);
            await app.CommitAsync(cancellationToken);
            Console.WriteLine($"Created token {created.Token.Id} '{created.Token.Name}' ({created.Token.Role}; scopes {string.Join(",", created.Token.Scopes)}).");
            if (created.Token.AwaitingApproval)
            {
                Console.WriteLine("Its role sees cargo data: it works once a supervisor other than you approved it (web UI: Approvals).");
            }
            Console.WriteLine($"Secret (shown once; send it as 'Authorization: Bearer <secret>'): {created.Secret}");
            return 0;
        });

        var list = new Command("list", "Lists tokens (never their secrets).");
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var rows = await app.Get<ApiTokens>().ListAsync(cancellationToken);
            var table = new Table().AddColumns("Id", "Name", "Role", "Organisation", "Scopes", "Hubs", "Prefix", "State");
            foreach (var t in rows)
            {
                table.AddRow(t.Id.ToString(), Markup.Escape(t.Name), t.Role, Markup.Escape(t.Organisation), string.Join(",", t.Scopes), string.Join(",", t.Hubs), t.Prefix, t.RevokedAt is null ? "active" : "revoked");
            }

            AnsiConsole.Write(table);
            return 0;
        });

        var id = new Argument<Guid>("id");
        var revoke = new Command("revoke", "Revokes a token at once.") { id };
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var revoked = await app.Get<ApiTokens>().RevokeAsync(parse.GetValue(id), new AccessActor(app.Actor, null), cancellationToken)
                ?? throw new UserFacingException($"There is no token {parse.GetValue(id)}; 'portcullis tokens list' shows them.");
            await app.CommitAsync(cancellationToken);
            Console.WriteLine($"Revoked {revoked.Name}.");
            return 0;
        });

        tokens.Subcommands.Add(add);
        tokens.Subcommands.Add(list);
        tokens.Subcommands.Add(revoke);
        return tokens;
    }
}
