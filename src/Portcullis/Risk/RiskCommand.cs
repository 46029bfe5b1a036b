using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Hosting;

namespace Portcullis.Risk;

/// <summary>
/// `portcullis risk …`: train, score, explain, backtest, and manage profiles and models from the
/// command line. The command line acts with database access, so it is not role-checked; everything
/// it activates is audited under the operating-system user's name.
/// </summary>
public static partial class RiskCommand
{
    public static Command Create()
    {
        var risk = new Command("risk", "Risk engine: train and activate models, score, explain, backtest, manage rule profiles.");
        risk.Subcommands.Add(Train());
        risk.Subcommands.Add(Score());
        risk.Subcommands.Add(Explain());
        risk.Subcommands.Add(BacktestCommand());
        risk.Subcommands.Add(ProfileCommands());
        risk.Subcommands.Add(ModelCommands());
        risk.Subcommands.Add(DriftCommand());
        return risk;
    }

    internal static DateTime ParseDate(string? value, string option) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new UserFacingException($"{option} '{value}' is not a date; write it as 2026-11-01.");

    private static Command Train()
    {
        var from = new Option<string>("--from") { Description = "First arrival day of the training window (yyyy-MM-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "Day after the last arrival day of the window (yyyy-MM-dd).", Required = true };
        var activate = new Option<bool>("--activate") { Description = "Activate the new model at once (needs --reason)." };
        var reason = new Option<string?>("--reason") { Description = "Why the model is activated (audited)." };
        var command = new Command("train", "Trains a candidate model on the inspected consignments of a window and registers it.") { from, to, activate, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var start = ParseDate(parse.GetValue(from), "--from");
            var end = ParseDate(parse.GetValue(to), "--to");
            if (end <= start)
            {
                throw new UserFacingException("--to is not after --from; give a window that ends after it starts.");
            }

            if (parse.GetValue(activate) && string.IsNullOrWhiteSpace(parse.GetValue(reason)))
            {
                throw new UserFacingException("--activate needs --reason; say why this model should score from now on.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);

            var result = await app.Get<RiskEngine>().TrainAsync(start, end, app.Actor, null, cancellationToken);
            if (result.Model is not { } model)
            {
                throw new UserFacingException(result.Error!);
            }

            Console.WriteLine($"Model v{model.Version} ({model.Id}) trained on {model.Cases:N0} inspected consignments with {model.Hits:N0} hits, {model.Features.Count} features.");
            Console.WriteLine($"Validation: {model.Metrics}");
            PrintLeaks(result.LabelLeaks ?? []);
            if (parse.GetValue(activate))
            {
                (await Models.ActivateVersionAsync(app.Db, app.Clock, app.Actor, null, model.Id, parse.GetValue(reason), cancellationToken)).ValueOrThrow();
                await app.CommitAsync(cancellationToken);
                Console.WriteLine($"Model v{model.Version} is active.");
            }

            return 0;
        });
        return command;
    }

    private static Command Score()
    {
        var all = new Option<bool>("--all") { Description = "Re-score every stored consignment, not only those without a score." };
        var command = new Command("score", "Scores stored consignments with the active profiles and model and stores the scores.") { all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var count = await app.Get<RiskEngine>().ScoreStoredAsync(null, parse.GetValue(all), cancellationToken);
            Console.WriteLine(count == 0 ? "Nothing to score (no active profile or model, or everything is scored already)." : $"Scored {count:N0} consignments.");
            return 0;
        });
        return command;
    }

    private static Command Explain()
    {
        var id = new Argument<string>("id") { Description = "Consignment id or transport document reference." };
        var command = new Command("explain", "Shows a consignment's score with every reason, rules and model features.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var value = parse.GetValue(id)!;
            var consignment = Guid.TryParse(value, out var guid)
                ? await db.Consignments.AsNoTracking().Where(c => c.Id == guid).Select(c => new { c.Id, c.Reference }).SingleOrDefaultAsync(cancellationToken)
                : await db.Consignments.AsNoTracking().Where(c => c.Reference == value && c.RetractedAt == null).Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken);
            if (consignment is null)
            {
                throw new UserFacingException($"There is no consignment '{value}'; give its id or transport document number.");
            }

            var cases = await CaseSources.LoadAsync(db, null, cancellationToken, [consignment.Id]);
            var assessment = await app.Get<RiskEngine>().AssessAsync(cases.Single(), cancellationToken);
            Console.WriteLine($"{consignment.Reference} ({consignment.Id}): score {assessment.Score:F3} — {assessment.Basis}");
            Console.WriteLine($"  rules {assessment.RuleScore:F3}{(assessment.ModelProbability is { } p ? $", model probability {p:F3}" : "")}");
            foreach (var reason in ReadableReasons.Views(assessment.Reasons))
            {
                Console.WriteLine($"  [{reason.Source}] {reason.Explanation}");
            }

            if (assessment.Reasons.Count == 0)
            {
                Console.WriteLine("  No rule fired and no model is active.");
            }

            return 0;
        });
        return command;
    }
}
