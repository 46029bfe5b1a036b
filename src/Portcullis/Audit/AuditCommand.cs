using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portcullis.Hosting;
using Spectre.Console;

namespace Portcullis.Audit;

/// <summary>`portcullis audit verify|checkpoint|rotate-key|seal-legacy|list|leads`: the tamper-evident audit log from the command line.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "The tamper-evident audit log: verify the hash chain and checkpoints, write a checkpoint, rotate the signing key, list entries.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Checkpoint());
        audit.Subcommands.Add(RotateKey());
        audit.Subcommands.Add(SealLegacy());
        audit.Subcommands.Add(List());
        audit.Subcommands.Add(Leads());
        return audit;
    }

    private static Command Verify()
    {
        var publicKey = new Option<FileInfo?>("--public-key") { Description = $"The public key to check checkpoint signatures with: a PEM file, or a key ring like {AuditSigningKey.RingFileName} (default: the key ring in the keys folder)." };
        var checkpoints = new Option<FileInfo?>("--checkpoints") { Description = $"An external copy of the checkpoints (JSON lines, as {AuditCheckpointLog.DefaultFileName}) to prove the chain against; default: the server's checkpoint log when it exists." };
        var command = new Command("verify", "Walks the whole hash chain and checks every signed checkpoint, also against the external checkpoint log. Exit code 0: intact; 3: tampered with, naming the first bad entry.") { publicKey, checkpoints };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var key = app.Get<AuditSigningKey>();
            var log = app.Get<AuditCheckpointLog>();
            var external = log.Exists ? log : null;
            if (parse.GetValue(checkpoints) is { } file)
            {
                external = file.Exists
                    ? new AuditCheckpointLog(file.FullName)
                    : throw new UserFacingException($"The checkpoint log {file.FullName} does not exist; give the {AuditCheckpointLog.DefaultFileName} file from the server's keys folder or the auditor's copy.");
            }

            using var keys = parse.GetValue(publicKey) is { } keyFile ? ReadKeys(keyFile) : key.Ring();
            if (keys is null && (await db.AuditCheckpoints.AnyAsync(cancellationToken) || external?.HasCheckpoints() == true))
            {
                throw new UserFacingException($"There are signed checkpoints but no public key in {key.Folder}; give it with --public-key FILE.");
            }

            var result = await VerifyAuditLog.RunAsync(db, keys, external, cancellationToken);
            Console.WriteLine(result.Summary);
            if (result.Intact && external is null && result.Entries > 0)
            {
                Console.WriteLine($"No external checkpoint log was read ({log.Path} does not exist), so deleted checkpoints would go unnoticed; give a copy with --checkpoints FILE.");
            }

            return result.Intact ? 0 : CliErrors.VerificationFailed;
        });
        return command;
    }

    private static Command Checkpoint()
    {
        var command = new Command("checkpoint", "Signs the chain's current tail now (the server also does so every Audit:CheckpointEverySeconds), in the database and the external checkpoint log.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var key = app.Get<AuditSigningKey>();
            var checkpoint = await AuditCheckpoints.WriteAsync(app.Db, key, app.Get<AuditCheckpointLog>(), app.Clock, onlyIfMoved: false, cancellationToken);
            Console.WriteLine(checkpoint is null
                ? "The audit log is empty; there is nothing to checkpoint."
                : $"Checkpoint {checkpoint.Id} signed at sequence {checkpoint.Sequence} with key {checkpoint.KeyId}; the public key is {key.PublicFile}.");
            await PushAsync(app, checkpoint, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command RotateKey()
    {
        var reason = new Option<string>("--reason") { Description = "Why the key is replaced (lost, suspected stolen, routine); recorded in the audit log.", Required = true };
        var command = new Command("rotate-key", "Replaces the checkpoint signing key (also when it was lost): the old public keys are kept in the key ring, so that earlier checkpoints still verify. Recorded in the audit log and checkpointed with the new key.") { reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var why = parse.GetValue(reason)?.Trim();
            if (string.IsNullOrEmpty(why))
            {
                throw new UserFacingException("--reason must say why the key is replaced, e.g. --reason 'key file lost with server s1'.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var key = app.Get<AuditSigningKey>();
            var (retired, created) = key.Rotate(app.Clock, why);
            var old = retired.Count == 0 ? "no earlier public key was known" : $"retired {string.Join(", ", retired)}";
            AuditLog.Record(app.Db, app.Clock, app.Actor, null, "audit.key.rotate", "audit signing key", $"new key {created}, {old}: {why}");
            await app.CommitAsync(cancellationToken);
            // Signed at once with the new key, so that the rotation itself is covered by a checkpoint.
            var checkpoint = await AuditCheckpoints.WriteAsync(app.Db, key, app.Get<AuditCheckpointLog>(), app.Clock, onlyIfMoved: false, cancellationToken);
            Console.WriteLine($"New audit signing key {created} ({old}); the key ring with every public key is {key.RingFile}: give it to auditors.");
            await PushAsync(app, checkpoint, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command SealLegacy()
    {
        var reason = new Option<string>("--reason") { Description = "Why the entries are sealed, e.g. the upgrade; recorded in the audit log.", Required = true };
        var command = new Command("seal-legacy", "Once, after upgrading from a version before the hash chain: gives the old entries their hashes. Refused once the chain has begun.") { reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var why = parse.GetValue(reason)?.Trim();
            if (string.IsNullOrEmpty(why))
            {
                throw new UserFacingException("--reason must say why the entries are sealed, e.g. --reason 'upgrade to the hash chain'.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            if (app.Get<AuditCheckpointLog>().HasCheckpoints())
            {
                throw Refusal.Conflict(NotLegacy).ToCommandError();
            }

            var sealedRows = await AuditAppender.SealLegacyRowsAsync(
                app.Db,
                () => AuditLog.Record(app.Db, app.Clock, app.Actor, null, "audit.seal-legacy", "audit log", why),
                cancellationToken);
            Console.WriteLine(sealedRows switch
            {
                null => throw Refusal.Conflict(NotLegacy).ToCommandError(),
                0 => "The audit log holds no entries to seal.",
                var n => $"Sealed {n} entries from before the hash chain; the sealing is entry {n + 1}.",
            });
            return 0;
        });
        return command;
    }

    private const string NotLegacy = "The hash chain has already begun (there are sealed entries or checkpoints), so entries without a hash were inserted outside Portcullis and are not sealed; 'portcullis audit verify' names them.";

    private static async Task PushAsync(CommandScope app, AuditCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null && await app.Get<AuditCheckpointPush>().SendAsync(checkpoint, cancellationToken) is { } problem)
        {
            Console.Error.WriteLine(problem);
        }
    }

    private static Command List()
    {
        var subject = new Option<string?>("--subject") { Description = "Only entries about exactly this subject, e.g. 'profile reefer watch v2'." };
        var limit = new Option<int>("--limit") { Description = "How many of the latest entries to show.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "Shows the latest audit entries, newest first.") { subject, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(limit);
            if (count < 1)
            {
                throw new UserFacingException("--limit must be at least 1.");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);

            var db = app.Db;
            var query = db.Audit.AsNoTracking();
            if (parse.GetValue(subject) is { Length: > 0 } about)
            {
                query = query.Where(a => a.Subject == about);
            }

            var table = new Table().AddColumns("Seq", "At (UTC)", "Actor", "Action", "Subject", "Detail", "Hash");
            await foreach (var a in query.OrderByDescending(a => a.Sequence).Take(count).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                table.AddRow(
                    a.Sequence.ToString(CultureInfo.InvariantCulture),
                    a.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(a.Actor),
                    Markup.Escape(a.Action),
                    Markup.Escape(a.Subject),
                    Markup.Escape(a.Detail.Length > 60 ? a.Detail[..57] + "..." : a.Detail),
                    a.Hash.Length > 12 ? a.Hash[..12] : a.Hash);
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static AuditKeyRing ReadKeys(FileInfo file)
    {
        try
        {
            return file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? AuditSigningKey.ReadRing(file.FullName)
                : AuditKeyRing.Of(AuditSigningKey.ReadPublic(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or System.Text.Json.JsonException)
        {
            throw new UserFacingException($"The public key {file.FullName} cannot be read ({e.Message.TrimEnd('.')}); give the {AuditSigningKey.PublicFileName} or {AuditSigningKey.RingFileName} file from the server's keys folder.");
        }
    }

    private static Command Leads()
    {
        // Read as text: the parser's own message for a bad DateOnly names a .NET type, not the fix.
        var from = new Option<string?>("--from") { Description = $"First local day (yyyy-MM-dd); default {AuditLeads.DefaultDays} days before --to." };
        var to = new Option<string?>("--to") { Description = "Last local day (yyyy-MM-dd); default today (Europe/Amsterdam)." };
        var hub = new Option<string?>("--hub") { Description = "Only this hub's accounts and containers." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (as GET /api/v1/audit/leads gives it)." };
        var command = new Command("leads", "Insider-risk leads from the audit trail, ranked, with their signals and evidence entries; recorded in the audit log. A lead is worth a look, never an accusation.") { from, to, hub, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (fromDay, toDay) = (Day(parse.GetValue(from), "--from"), Day(parse.GetValue(to), "--to"));
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            if (AuditLeads.Period(fromDay, toDay, app.Clock, out var problem) is not { } period)
            {
                throw new UserFacingException(problem!);
            }

            // The operator at the console audits every hub, as the one who runs the server may.
            var auditor = new Access.CurrentUser(Guid.Empty, app.Actor, Access.Roles.Auditor, Guid.Empty, "", ["*"], [], false);
            if (await AuditLeads.HubProblemAsync(app.Db, auditor, parse.GetValue(hub), cancellationToken) is { } hubProblem)
            {
                throw new UserFacingException(hubProblem);
            }

            var report = await AuditLeads.RunAsync(app.Db, app.Clock, auditor, period.From, period.To, parse.GetValue(hub), cancellationToken);
            await app.CommitAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true }));
                return 0;
            }

            Console.WriteLine($"{report.Leads.Count} lead(s) among {report.Accounts} account(s) and {report.Views} view(s), {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}; {report.Withheld} view(s) of controls still to come left out.");
            Console.WriteLine(AuditLeads.Caveat);
            foreach (var lead in report.Leads)
            {
                Console.WriteLine($"{lead.Rank}. {lead.Account} ({lead.Role}, {string.Join(", ", lead.Hubs)}): score {lead.Score.ToString("0.00", CultureInfo.InvariantCulture)}");
                foreach (var signal in lead.Signals)
                {
                    Console.WriteLine($"   - {signal.Sentence} Evidence: entries {string.Join(", ", signal.Evidence.Select(e => e.Id.ToString(CultureInfo.InvariantCulture)))}.");
                }

                foreach (var note in lead.Notes)
                {
                    Console.WriteLine($"   ({note})");
                }
            }

            return 0;
        });
        return command;
    }

    private static DateOnly? Day(string? value, string option) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new UserFacingException($"{option} '{value}' is not a date; write it as yyyy-MM-dd, e.g. 2026-11-01.");
}
