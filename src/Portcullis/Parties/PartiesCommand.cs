using System.CommandLine;
using Portcullis.Hosting;

namespace Portcullis.Parties;

/// <summary>`portcullis parties resolve`: entity resolution now, through the same function as the leased job.</summary>
public static class PartiesCommand
{
    public static Command Create()
    {
        var parties = new Command("parties", "Parties: resolve them into real entities.");
        var resolve = new Command("resolve", "Resolves every stored party into entities (names, addresses, phones, e-mails, EORI) with the analysts' merges and splits kept; one transaction; audited.");
        resolve.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var result = await ResolveParties.RunAsync(app.Database, app.Clock, app.Actor, cancellationToken);
            Console.WriteLine($"Run {result.RunId}: {result.Parties} parties, {result.ComparedPairs} pairs compared; {result.Entities} entities of two or more parties ({result.LinkedParties} parties linked): "
                + $"{result.KeptEntities} kept their id, {result.NewEntities} new, {result.RemovedEntities} gone; {result.Decisions} analyst decision(s) kept.");
            return 0;
        });

        parties.Subcommands.Add(resolve);
        return parties;
    }
}
