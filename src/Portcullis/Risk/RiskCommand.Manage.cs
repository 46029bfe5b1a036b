using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Hosting;
using Portcullis.Risk.Rules;

namespace Portcullis.Risk;

public static partial class RiskCommand
{
    private static Command ProfileCommands()
    {
        var profile = new Command("profile", "Rule profiles: import, list, export, test, activate.");

        var file = new Argument<string>("file") { Description = "YAML rule profile (see docs/RULES.md)." };
        var reason = new Option<string?>("--reason") { Description = "Why this version exists / is activated (audited)." };
        var hubs = new Option<string[]>("--hub") { Description = "Hub code the profile applies to; repeat for several; none for all hubs.", AllowMultipleArgumentsPerToken = true };
        var import = new Command("import", "Imports a profile as a new draft version.") { file, reason, hubs };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var yaml = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : throw new UserFacingException($"File '{path}' does not exist; check the path.");
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var result = await Profiles.ImportDraftAsync(db, app.Clock, app.Actor, null, new Profiles.ImportRequest(yaml, parse.GetValue(reason) ?? "", parse.GetValue(hubs), null, null), cancellationToken);
            if (result.Profile is not { } created)
            {
                throw new UserFacingException($"{Path.GetFileName(path)}: {result.Error}");
            }

            await app.CommitAsync(cancellationToken);

            Console.WriteLine($"Imported {created.Name} v{created.Version} as a draft ({created.Id}).");
            return 0;
        });

        var list = new Command("list", "Lists profile versions with status.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            foreach (var p in (await Profiles.ListAsync(db, cancellationToken)).Value!)
            {
                Console.WriteLine($"{p.Id}\t{p.Name}\tv{p.Version}\t{p.Status}\t{p.Rules} rules\t{(p.Hubs.Count == 0 ? "all hubs" : string.Join(",", p.Hubs))}\t{p.Author}\t{p.ChangeReason}");
            }

            return 0;
        });

        var id = new Argument<Guid>("id") { Description = "Profile version id (from 'risk profile list')." };
        var export = new Command("export", "Prints a profile version's YAML exactly as imported.") { id };
        export.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var yaml = await db.RuleProfiles.Where(p => p.Id == parse.GetValue(id)).Select(p => p.Yaml).SingleOrDefaultAsync(cancellationToken)
                ?? throw new UserFacingException($"There is no profile version {parse.GetValue(id)}; see 'risk profile list'.");
            Console.Write(yaml);
            return 0;
        });

        var activateId = new Argument<Guid>("id") { Description = "Profile version id." };
        var activate = new Command("activate", "Activates a profile version (retiring the active version of its name).") { activateId, reason };
        activate.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var done = (await Profiles.ActivateVersionAsync(db, app.Clock, app.Actor, null, parse.GetValue(activateId), parse.GetValue(reason), cancellationToken)).ValueOrThrow();
            await app.CommitAsync(cancellationToken);
            Console.WriteLine($"{done.Name} v{done.Version} is active.");
            return 0;
        });

        var testFile = new Argument<string>("file") { Description = "Draft YAML profile to test." };
        var days = new Option<int>("--days") { Description = "How many past days to run it over.", DefaultValueFactory = _ => 28 };
        var test = new Command("test", "Runs a draft profile over past days: flagged per hub and day, precision and recall on past inspections.") { testFile, days };
        test.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(testFile)!;
            var yaml = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : throw new UserFacingException($"File '{path}' does not exist; check the path.");
            var read = RuleProfileParser.Read(yaml);
            if (!read.IsValid)
            {
                var e = read.Issues[0];
                throw new UserFacingException($"{Path.GetFileName(path)} line {e.Line}, column {e.Column}: {e.Message}");
            }

            var parsed = read.Profile;
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var report = await app.Get<RiskEngine>().TestBenchAsync(parsed, parse.GetValue(days), cancellationToken);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"{report.Profile} over {report.Days} days: {report.Flagged:N0} of {report.Consignments:N0} consignments flagged."));
            Console.WriteLine(string.Create(inv, $"On past inspections: {report.HitsFlagged} hits in {report.InspectedFlagged} flagged inspections (precision {report.PrecisionOnInspected:P1}); {report.HitsFlagged} of {report.Hits} hits caught (recall {report.RecallOfHits:P1}); base hit rate {report.BaseHitRate:P1}."));
            foreach (var rule in report.PerRule)
            {
                Console.WriteLine($"  {rule.Rule}: fired {rule.Fired:N0}, inspected {rule.InspectedFired}, hits {rule.HitsFired}");
            }

            foreach (var row in report.PerHubAndDay)
            {
                Console.WriteLine($"  {row.Hub}\t{row.Day:yyyy-MM-dd}\t{row.Flagged}/{row.Consignments}");
            }

            return 0;
        });

        profile.Subcommands.Add(import);
        profile.Subcommands.Add(list);
        profile.Subcommands.Add(export);
        profile.Subcommands.Add(activate);
        profile.Subcommands.Add(test);
        return profile;
    }

    private static Command ModelCommands()
    {
        var model = new Command("model", "The model registry: list, activate (also to go back to an earlier version).");
        var list = new Command("list", "Lists model versions with window, metrics and status.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            foreach (var m in (await Models.ListAsync(db, cancellationToken)).Value!)
            {
                Console.WriteLine($"{m.Id}\tv{m.Version}\t{m.Status}\t{m.WindowFrom:yyyy-MM-dd}..{m.WindowTo:yyyy-MM-dd}\t{m.Cases} cases\t{m.Hits} hits\t{m.Metrics}");
            }

            return 0;
        });

        var id = new Argument<Guid>("id") { Description = "Model version id." };
        var reason = new Option<string?>("--reason") { Description = "Why (audited)." };
        var activate = new Command("activate", "Makes a model version the one scoring uses.") { id, reason };
        activate.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var done = (await Models.ActivateVersionAsync(db, app.Clock, app.Actor, null, parse.GetValue(id), parse.GetValue(reason), cancellationToken)).ValueOrThrow();
            await app.CommitAsync(cancellationToken);
            Console.WriteLine($"Model v{done.Version} is active.");
            return 0;
        });
        model.Subcommands.Add(list);
        model.Subcommands.Add(activate);
        return model;
    }

    private static Command DriftCommand()
    {
        var weeks = new Option<int>("--weeks") { Description = "How many weeks back.", DefaultValueFactory = _ => 8 };
        var command = new Command("drift", "Weekly score drift (PSI against the first week) and hit rate.") { weeks };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var report = await Drift.ReportAsync(db, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), Math.Clamp(parse.GetValue(weeks), 2, 104), cancellationToken);
            var inv = CultureInfo.InvariantCulture;
            foreach (var w in report.Weeks)
            {
                Console.WriteLine(string.Create(inv, $"{w.Week}\t{w.Scored,7:N0} scored\tmean {w.MeanScore:F3}\tPSI {w.Psi:F3} {w.Stability}\t{w.Hits}/{w.Inspected} hits{(w.HitRate is { } r ? $" ({r:P1})" : "")}"));
            }

            return 0;
        });
        return command;
    }
}
