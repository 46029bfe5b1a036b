using System.CommandLine;
using Portcullis.Hosting;

namespace Portcullis.Storage;

/// <summary>`portcullis db migrate`: brings the schema of the configured database up to date.</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Applies pending migrations; a failed migration leaves the database as it was.");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken, migrate: false);
            var database = app.Database;
            // The explicit command also finishes a contact-key fill that an earlier start was stopped in.
            var applied = await database.MigrateAsync(cancellationToken, fillContactKeys: true);
            Console.WriteLine(applied.Count == 0
                ? $"{database.Target.Description} is up to date."
                : $"{database.Target.Description}: applied {string.Join(", ", applied)}.");
            return 0;
        });

        var db = new Command("db", "Database maintenance.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
