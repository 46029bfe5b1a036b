using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Inspection;
using Portcullis.Integrity;
using Portcullis.Simulation;
using Spectre.Console;

namespace Portcullis.Selection;

/// <summary>
/// `portcullis select …`: fill a hub's plan for a day, set capacity, list, report, who-knew, run
/// the secure-lane pass, and carry simulated controls through. The command line acts with database
/// access, so it is not role-checked; what it changes is audited under the operating-system user.
/// </summary>
public static class SelectCommand
{
    public static Command Create()
    {
        var hub = HubOption();
        var date = DateOption("The local day to plan (yyyy-MM-dd); default today.");
        var command = new Command("select", "Fills a hub's plan for a day: targeted, exploration and control picks within capacity; watch-list hits first.") { hub, date };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = Hub(parse.GetValue(hub));
            var requested = Day(parse.GetValue(date));
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var day = requested ?? Today(app);
            var summary = await FillPlan.RunAsync(db, app.Clock, app.Get<SelectionOptions>(), app.Actor, null, code, day, notBefore: null, cancellationToken);
            Console.WriteLine($"{summary.Hub} {summary.Date:yyyy-MM-dd}: capacity {summary.Capacity}, {summary.Candidates:N0} candidate units, {summary.AlreadySelected} already selected; " +
                $"selected now {summary.Targeted} targeted, {summary.Exploration} exploration, {summary.Control} control, {summary.WatchList} watch list; {summary.Orders} secure-lane orders.");
            return 0;
        });
        command.Subcommands.Add(Capacity());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Report());
        command.Subcommands.Add(WhoKnewCommand());
        command.Subcommands.Add(Lanes());
        command.Subcommands.Add(SimulateInspections());
        return command;
    }

    private static Option<string?> HubOption() => new("--hub") { Description = $"Hub code: {string.Join(", ", HubCatalogue.Codes)}." };

    private static Option<string?> DateOption(string description) => new("--date") { Description = description };

    internal static string Hub(string? value) =>
        HubCatalogue.Find(value ?? "") is { } hub
            ? hub.Code
            : throw new UserFacingException(value is null ? $"--hub is required; use one of {string.Join(", ", HubCatalogue.Codes)}." : $"There is no hub '{value}'; use one of {string.Join(", ", HubCatalogue.Codes)}.");

    /// <summary>A day given on the command line, checked before anything is opened; null means today.</summary>
    internal static DateOnly? Day(string? value) =>
        value is null
            ? null
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new UserFacingException($"'{value}' is not a date; write it as 2026-11-01.");

    /// <summary>Today as the hubs count days (Dutch local time), by the composed clock.</summary>
    internal static DateOnly Today(CommandScope app) => Shifts.LocalDate(app.Clock.GetUtcNow().UtcDateTime);

    private static Command Capacity()
    {
        var hub = HubOption();
        var date = DateOption("The local day (yyyy-MM-dd); default today.");
        var shift = new Option<string?>("--shift") { Description = "early, late or night; with --scanner and --physical it sets that shift's capacity." };
        var scanner = new Option<int?>("--scanner") { Description = "Scanner slots of the shift." };
        var physical = new Option<int?>("--physical") { Description = "Physical inspections the teams can do in the shift." };
        var command = new Command("capacity", "Shows a hub's capacity per shift for a day, or sets one shift's.") { hub, date, shift, scanner, physical };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = Hub(parse.GetValue(hub));
            var requested = Day(parse.GetValue(date));
            var name = parse.GetValue(shift);
            if (name is not null && (!Shifts.IsKnown(name) || parse.GetValue(scanner) is not { } scannerSlots || parse.GetValue(physical) is not { } physicalCount || scannerSlots < 0 || physicalCount < 0))
            {
                throw new UserFacingException("To set capacity give --shift early|late|night with --scanner N and --physical N (0 or more).");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var day = requested ?? Today(app);
            if (name is not null)
            {
                var slots = parse.GetValue(scanner)!.Value;
                var teams = parse.GetValue(physical)!.Value;

                if (await CapacityPlans.SetShiftsAsync(db, app.Clock, app.Actor, null, code, day, [new(name, slots, teams)], cancellationToken) is { } invalid)
                {
                    throw invalid.ToCommandError();
                }

                await app.CommitAsync(cancellationToken);
            }

            var table = new Table().AddColumns("shift", "from (UTC)", "to (UTC)", "scanner slots", "physical", "source");
            foreach (var s in await CapacityPlans.ShiftsAsync(db, app.Get<SelectionOptions>(), code, day, cancellationToken))
            {
                table.AddRow(s.Name, $"{s.Start:yyyy-MM-dd HH:mm}", $"{s.End:yyyy-MM-dd HH:mm}", s.ScannerSlots.ToString(CultureInfo.InvariantCulture), s.PhysicalInspections.ToString(CultureInfo.InvariantCulture), s.Stored ? "set" : "default");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var hub = HubOption();
        var date = DateOption("The local day (yyyy-MM-dd); default today.");
        var command = new Command("list", "Lists a hub's selections of a day with reason, state and result.") { hub, date };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = Hub(parse.GetValue(hub));
            var requested = Day(parse.GetValue(date));
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var day = requested ?? Today(app);
            var selections = await db.Selections.AsNoTracking().Where(s => s.HubCode == code && s.PlanDate == day).OrderBy(s => s.PlannedControlAt).ThenBy(s => s.Unit).ToListAsync(cancellationToken);
            var table = new Table().AddColumns("unit", "shift", "reason", "expected kg", "state", "result", "why");
            foreach (var s in selections)
            {
                table.AddRow(s.Unit, s.Shift, s.Reason.ToString(), s.ExpectedValue.ToString("0.##", CultureInfo.InvariantCulture), InspectionWorkflow.Describe(s.State),
                    s.Hit is null ? "" : s.Hit.Value ? $"{s.SeizedKg:0.#} kg" : "nothing", Markup.Escape(s.Why));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{selections.Count} selection(s).");
            return 0;
        });
        return command;
    }

    private static Command Report()
    {
        var hub = HubOption();
        var from = new Option<string?>("--from") { Description = "First plan day (yyyy-MM-dd); default 27 days before --to." };
        var to = new Option<string?>("--to") { Description = "Last plan day (yyyy-MM-dd); default today." };
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file." };
        var command = new Command("report", "Hit rate from the control sample, targeted precision, lift and recall, with 95 % intervals.") { hub, from, to, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = Hub(parse.GetValue(hub));
            var requestedLast = Day(parse.GetValue(to));
            var requestedFirst = Day(parse.GetValue(from));
            if (requestedLast < requestedFirst)
            {
                throw new UserFacingException("--to is before --from; give a period that ends after it starts.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var last = requestedLast ?? Today(app);
            var first = requestedFirst ?? last.AddDays(-27);
            if (last < first)
            {
                throw new UserFacingException("--to is before --from; give a period that ends after it starts.");
            }

            var db = app.Db;
            var report = await SelectionReport.BuildAsync(db, app.Get<SelectionOptions>(), code, first, last, cancellationToken);
            var table = new Table().AddColumns("reason", "selected", "closed", "hits", "seized kg");
            foreach (var r in report.Reasons)
            {
                table.AddRow(r.Reason, $"{r.Selected:N0}", $"{r.Closed:N0}", $"{r.Hits:N0}", $"{r.SeizedKg:N1}");
            }

            AnsiConsole.Write(table);
            var e = report.Estimate;
            Console.WriteLine($"Units in the period: {report.Population:N0}.");
            Console.WriteLine($"Hit rate (controls): {P(e.HitRate)}");
            Console.WriteLine($"Targeted precision observed: {P(e.TargetedPrecisionObserved)}; estimated from controls: {P(e.TargetedPrecisionFromControls)}");
            Console.WriteLine($"Lift: {(e.Lift is { } lift ? lift.ToString("0.0", CultureInfo.InvariantCulture) + "×" : "n/a")}; estimated recall: {(e.EstimatedRecall is { } recall ? recall.ToString("P1", CultureInfo.InvariantCulture) : "n/a")}");
            Console.WriteLine(report.Reading);
            if (parse.GetValue(json) is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), cancellationToken);
            }

            return 0;
        });
        return command;
    }

    private static string P(Proportion p) => p.Trials == 0
        ? "n/a (no closed controls)"
        : string.Create(CultureInfo.InvariantCulture, $"{p.Estimate:P2} ({p.Hits:N0} of {p.Trials:N0}; 95 % {p.Low95:P2}–{p.High95:P2})");

    private static Command WhoKnewCommand()
    {
        var unit = new Argument<string>("unit") { Description = "Container number or consignment reference." };
        var command = new Command("who-knew", "Everyone who could see or did see a unit's selection before its control, in time order.") { unit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var report = await Access.WhoKnew.BuildAsync(db, app.Get<SelectionOptions>(), parse.GetValue(unit)!, _ => true, cancellationToken);
            if (report.Selections.Count == 0)
            {
                throw new UserFacingException($"'{report.Unit}' was never selected; check the container number or consignment reference.");
            }

            foreach (var s in report.Selections)
            {
                Console.WriteLine($"Selection {s.SelectionId} at {s.Hub} ({s.Reason}, {s.State}), selected {s.SelectedAt:yyyy-MM-dd HH:mm} UTC, control {(s.ControlOver ? "over" : "planned")} {s.ControlAt:yyyy-MM-dd HH:mm} UTC:");
                var table = new Table().AddColumns("when (UTC)", "who", "organisation", "role", "", "what");
                foreach (var e in s.Entries)
                {
                    table.AddRow($"{e.At:yyyy-MM-dd HH:mm:ss}", Markup.Escape(e.Who), Markup.Escape(e.Organisation), e.Role, e.Kind, Markup.Escape(e.What));
                }

                AnsiConsole.Write(table);
            }

            return 0;
        });
        return command;
    }

    private static Command Lanes()
    {
        var command = new Command("lanes", "Runs the secure-lane pass now: releases due orders to terminals, raises alarms for contradicting events or silence.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var pass = await SecureLane.RunPassAsync(db, app.Clock, app.Get<SelectionOptions>(), cancellationToken);
            Console.WriteLine($"{pass.Checked} open order(s) checked, {pass.Released} released to terminals, {pass.Completed} completed, {pass.Alarms.Count} new alarm(s).");
            foreach (var alarm in pass.Alarms)
            {
                Console.WriteLine($"CRITICAL {alarm.HubCode} {alarm.ContainerNumber} {alarm.Kind}: {alarm.Detail}");
            }

            return 0;
        });
        return command;
    }

    private static Command SimulateInspections()
    {
        var hub = HubOption();
        var from = new Option<string?>("--from") { Description = "First plan day (yyyy-MM-dd); default --to." };
        var to = new Option<string?>("--to") { Description = "Last plan day (yyyy-MM-dd); default today." };
        var command = new Command("simulate-inspections", "Simulated traffic only: carries due controls through scan and inspection; the inspection reveals that unit's ground truth.") { hub, from, to };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = Hub(parse.GetValue(hub));
            var requestedLast = Day(parse.GetValue(to));
            var requestedFirst = Day(parse.GetValue(from));
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var database = app.Database;
            var last = requestedLast ?? Today(app);
            var first = requestedFirst ?? last;
            var vault = app.Get<GroundTruthVault>();
            int closed = 0, hits = 0;
            double kg = 0;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                var summary = await SimulatedInspections.RunAsync(database, vault, app.Clock, app.Get<SelectionOptions>(), code, day, cancellationToken);
                closed += summary.Closed;
                hits += summary.Hits;
                kg += summary.SeizedKg;
            }

            Console.WriteLine($"{code} {first:yyyy-MM-dd}–{last:yyyy-MM-dd}: {closed} control(s) closed, {hits} with findings, {kg:N1} kg seized.");
            return 0;
        });
        return command;
    }
}
