using System.CommandLine;
using Portcullis.Hosting;

namespace Portcullis.Parties;

/// <summary>`portcullis sanctions import FILE --source S | lists | screen | goods import FILE | goods list`: sanctions lists from the command line, through the same functions as the API and the job.</summary>
public static class SanctionsCommand
{
    public static Command Create()
    {
        var sanctions = new Command("sanctions", "Sanctions lists and screening: import, lists, screen, goods.");

        var file = new Argument<FileInfo>("file") { Description = "The list file in its official format (EU, UN, OFAC XML; FollowTheMoney JSON lines)." };
        var source = new Option<string>("--source") { Description = "eu, un, ofac or ftm.", Required = true };
        var import = new Command("import", "Imports a list file as the source's new active version (or nothing when it cannot be read); audited.") { file, source };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new UserFacingException($"There is no file {path.FullName}; give the path of a list file.");
            }

            var parsed = ImportSanctionsList.ParseSource(parse.GetValue(source)) ?? throw ImportSanctionsList.SourceRefusal(parse.GetValue(source)).ToCommandError();
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var result = (await ImportSanctionsList.ApplyAsync(app.Db, app.Clock, app.Get<SanctionsFormats>(), app.Actor, null, parsed, path.FullName, path.Name, cancellationToken)).ValueOrThrow();
            await app.CommitAsync(cancellationToken);
            Console.WriteLine(result.AlreadyImported
                ? $"{path.Name}: already imported as {result.Source} version {result.Version} ({result.Entries} entries); nothing changed."
                : $"{path.Name}: {result.Source} version {result.Version} imported and active, {result.Entries} entries{(result.Replaces is null ? "" : $" (replaces version {result.Replaces})")}; {result.Warnings.Count} warning(s).");
            foreach (var warning in result.Warnings.Take(20))
            {
                Console.WriteLine($"  warning: {warning}");
            }

            return 0;
        });

        var lists = new Command("lists", "Shows the imported list versions.");
        lists.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            Console.WriteLine($"{"Id",5} {"Source",-6} {"Active",-6} {"Entries",8} {"Imported (UTC)",-16} Version (by)");
            foreach (var v in await ImportSanctionsList.QueryAsync(app.Db, cancellationToken))
            {
                Console.WriteLine($"{v.Id,5} {v.Source,-6} {(v.Active ? "yes" : "no"),-6} {v.Entries,8} {v.ImportedAt:yyyy-MM-dd HH:mm} {v.Version} ({v.ImportedBy})");
            }

            return 0;
        });

        var screen = new Command("screen", "Runs a screening pass now: every party not yet screened against the active versions (parties of planned consignments first).");
        screen.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var result = await ScreenParties.RunPassAsync(app.Database, app.Get<ScreeningState>(), app.Get<SanctionsOptions>(), app.Clock, cancellationToken);
            Console.WriteLine(result.Versions is null
                ? "No sanctions list is imported yet; import one with 'portcullis sanctions import FILE --source eu|un|ofac|ftm'."
                : $"Screened {result.Screened} parties ({result.PlannedFirst} of planned consignments first) against {result.Versions}: {result.NewHits} new candidate hit(s), {result.Reopened} reopened.");
            return 0;
        });

        var goodsFile = new Argument<FileInfo>("file") { Description = "The goods list as CSV: code,direction,country,annex,reference,date,description (docs/PARTIES.md)." };
        var goodsImport = new Command("import", "Imports a sanctioned-goods CSV as the active version (or nothing when it cannot be read); audited; running servers reload it.") { goodsFile };
        goodsImport.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(goodsFile)!;
            if (!path.Exists)
            {
                throw new UserFacingException($"There is no file {path.FullName}; give the path of a goods list CSV.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var result = (await ImportSanctionedGoods.ApplyAsync(app.Db, app.Clock, app.Actor, null, path.FullName, path.Name, cancellationToken)).ValueOrThrow();
            await app.CommitAsync(cancellationToken);
            Console.WriteLine(result.AlreadyImported
                ? $"{path.Name}: already imported ({result.Rules} rules); nothing changed."
                : $"{path.Name}: {result.Rules} rules imported and active (replaces {result.Replaces}).");
            return 0;
        });

        var goodsList = new Command("list", "Shows the imported goods list versions and which one applies.");
        goodsList.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            Console.WriteLine($"{"Id",5} {"Active",-6} {"Rules",6} {"Imported (UTC)",-16} File (by)");
            foreach (var v in await ImportSanctionedGoods.QueryAsync(app.Db, cancellationToken))
            {
                Console.WriteLine($"{(v.Id is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"),5} {(v.Active ? "yes" : "no"),-6} {v.Rules,6} {(v.ImportedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "-"),-16} {v.FileName}{(v.ImportedBy is null ? "" : $" ({v.ImportedBy})")}");
            }

            return 0;
        });

        var goods = new Command("goods", "The sanctioned-goods code list (EU annexes for Russia and Belarus): import, list.");
        goods.Subcommands.Add(goodsImport);
        goods.Subcommands.Add(goodsList);

        sanctions.Subcommands.Add(import);
        sanctions.Subcommands.Add(lists);
        sanctions.Subcommands.Add(screen);
        sanctions.Subcommands.Add(goods);
        return sanctions;
    }
}
