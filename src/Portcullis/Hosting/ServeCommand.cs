using System.CommandLine;
using System.Diagnostics;
using Portcullis.Access;
using Portcullis.Simulation;
using Portcullis.Simulator;
using Portcullis.Storage;
using Spectre.Console;

namespace Portcullis.Hosting;

/// <summary>`portcullis serve [--demo]`: the web UI and REST API.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on.", DefaultValueFactory = _ => ["http://127.0.0.1:5080"], AllowMultipleArgumentsPerToken = true };
        var demo = new Option<bool>("--demo") { Description = "Simulate a month of traffic into an empty database first and create one account per role." };
        var demoDays = new Option<int>("--demo-days") { Description = "Days the demo simulates.", DefaultValueFactory = _ => 30 };
        var demoScale = new Option<double>("--demo-scale") { Description = "Scale of the demo traffic (1.0 = a full day's real volume).", DefaultValueFactory = _ => 0.1 };
        var serve = new Command("serve", "Runs the web UI and REST API.") { urls, demo, demoDays, demoScale, SimulateCommand.Seed };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var started = Stopwatch.StartNew();
            foreach (var url in parse.GetValue(urls)!)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    throw new UserFacingException($"--urls '{url}' is not an address; write it as http://127.0.0.1:5080.");
                }
            }

            // The web host is composed first, so that the demo set-up uses the very services it serves with.
            var app = PortcullisWeb.Build(new WebOptions(PortcullisCli.ResolveDatabase(parse), parse.GetValue(urls)!));
            var database = app.Services.GetRequiredService<Database>();
            await PortcullisCli.MigrateAsync(app.Services, cancellationToken);

            var clock = app.Services.GetRequiredService<TimeProvider>();
            IReadOnlyList<DemoAccount> demoAccounts = [];
            string? adminPassword = null;
            if (parse.GetValue(demo))
            {
                demoAccounts = await InitialAccounts.EnsureDemoAccountsAsync(database, clock, cancellationToken);
                var store = app.Services.GetRequiredService<StoreSimulatedTraffic>();
                if (await store.IsEmptyAsync(cancellationToken))
                {
                    var days = parse.GetValue(demoDays);
                    var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                    // The demo simulates all of today, but stores only what has happened by now.
                    var options = new SimulationOptions(parse.GetValue(SimulateCommand.Seed), parse.GetValue(demoScale), today.AddDays(-(days - 1)), days) { Now = clock.GetUtcNow().UtcDateTime };
                    var summary = await SimulateCommand.RunWithProgressAsync(app.Services.GetRequiredService<IngestSimulatedTraffic>(), options, cancellationToken);
                    Console.WriteLine($"Demo data: {summary.Days} simulated days ingested from partner files: {summary.StoredConsignments:N0} consignments and {summary.StoredEvents:N0} container events stored, {summary.Controls:N0} earlier controls with outcomes.");
                    var risk = await Risk.RiskDemo.SetUpAsync(app.Services, cancellationToken);
                    Console.WriteLine($"Risk: profile {risk.Profile}, {(risk.ModelVersion is { } v ? $"model v{v}" : $"no model ({risk.ModelProblem})")}, {risk.Scored:N0} consignments scored.");
                    var selection = await Selection.SelectionDemo.SetUpAsync(app.Services, cancellationToken);
                    Console.WriteLine($"Selection: {selection.Selected:N0} units selected over {Selection.SelectionDemo.DaysBack} days and tomorrow, {selection.Closed:N0} controls closed ({selection.Hits:N0} with findings, {selection.SeizedKg:N0} kg), {selection.Secured:N0} containers moved into secured areas, {selection.Incidents.Count:N0} insider attempts, {selection.Alarms:N0} secure-lane alarms.");
                    var integrity = await Integrity.IntegrityDemo.SetUpAsync(app.Services, cancellationToken);
                    Console.WriteLine($"Integrity: {integrity.Zones} demo zones, alarms {(integrity.AlarmsByKind.Count == 0 ? "none" : string.Join(", ", integrity.AlarmsByKind.Select(k => $"{k.Key} {k.Value}")))}{(integrity.Acknowledged is { } c ? $"; the supervisor acknowledged the alarm on {c}" : "")}.");
                    var imaging = await Imaging.ImagingDemo.SetUpAsync(app.Services, cancellationToken);
                    Console.WriteLine($"Scans: {imaging.OwnScans} controls with a generated radiograph, {imaging.PartnerScans} with an origin scan from the partner pilot, {imaging.Waiting} scanned and waiting for the scan analyst's verdict.");
                    var staff = await Audit.AuditDemo.SetUpAsync(app.Services, cancellationToken);
                    Console.WriteLine($"Audit: a targeting team of {staff.Accounts} in {Audit.AuditDemo.Hub} read the past days' selection lists ({staff.Views:N0} views logged; {staff.Reader} read far more than the others: the auditor's leads show it).");
                }
            }
            else
            {
                adminPassword = await InitialAccounts.EnsureAdministratorAsync(database, clock, cancellationToken);
            }

            await app.StartAsync(cancellationToken);
            PrintBanner(app.Urls, database.Target.Description, demoAccounts, adminPassword, started.Elapsed);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return serve;
    }

    // Written to the console, not to the log: the one-time password must not end up in log files.
    private static void PrintBanner(ICollection<string> urls, string database, IReadOnlyList<DemoAccount> demoAccounts, string? adminPassword, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine($"Portcullis {PortcullisCli.Version} is ready after {elapsed.TotalSeconds:F1} s on {string.Join(", ", urls)}");
        Console.WriteLine($"Database: {database}");
        if (adminPassword is not null)
        {
            Console.WriteLine($"First start: created account 'admin' with one-time password {adminPassword} (change it at first sign-in).");
        }

        if (demoAccounts.Count > 0)
        {
            var table = new Table().AddColumns("User", "Password", "Role", "Organisation", "Hubs");
            foreach (var a in demoAccounts)
            {
                table.AddRow(a.UserName, a.Password, a.Role, Markup.Escape(a.Organisation), a.Hubs);
            }

            AnsiConsole.Write(table);
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
