using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portcullis.Hosting;
using Spectre.Console;

namespace Portcullis.Audit;

/// <summary>`portcullis audit verify|checkpoint|list`: the tamper-evident audit log from the command line.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "The tamper-evident audit log: verify the hash chain and checkpoints, write a checkpoint, list entries.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Checkpoint());
        audit.Subcommands.Add(List());
        return audit;
    }

    private static Command Verify()
    {
        var publicKey = new Option<FileInfo?>("--public-key") { Description = $"The PEM public key to check checkpoint signatures with (default: {AuditSigningKey.PublicFileName} in the keys folder)." };
        var command = new Command("verify", "Walks the whole hash chain and checks every signed checkpoint. Exit code 0: intact; 3: tampered with, naming the first bad entry.") { publicKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var file = parse.GetValue(publicKey);
            using var key = file is null ? app.Get<AuditSigningKey>().Public() : ReadPublicKey(file);
            if (key is null && await db.AuditCheckpoints.AnyAsync(cancellationToken))
            {
                throw new UserFacingException($"There are signed checkpoints but no public key in {app.Get<AuditSigningKey>().Folder}; give it with --public-key FILE.");
            }

            var result = await VerifyAuditLog.RunAsync(db, key, cancellationToken);
            Console.WriteLine(result.Summary);
            return result.Intact ? 0 : CliErrors.VerificationFailed;
        });
        return command;
    }

    private static Command Checkpoint()
    {
        var command = new Command("checkpoint", "Signs the chain's current tail now (the server also does so every Audit:CheckpointEverySeconds).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var db = app.Db;
            var key = app.Get<AuditSigningKey>();
            var checkpoint = await AuditCheckpoints.WriteAsync(db, key, app.Clock, onlyIfMoved: false, cancellationToken);
            Console.WriteLine(checkpoint is null
                ? "The audit log is empty; there is nothing to checkpoint."
                : $"Checkpoint {checkpoint.Id} signed at sequence {checkpoint.Sequence} with key {checkpoint.KeyId}; the public key is {key.PublicFile}.");
            return 0;
        });
        return command;
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

    private static ECDsa ReadPublicKey(FileInfo file)
    {
        try
        {
            return AuditSigningKey.ReadPublic(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new UserFacingException($"The public key {file.FullName} cannot be read ({e.Message.TrimEnd('.')}); give the {AuditSigningKey.PublicFileName} file from the server's keys folder.");
        }
    }
}
