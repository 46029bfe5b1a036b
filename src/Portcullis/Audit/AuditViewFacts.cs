using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Portcullis.Storage;

namespace Portcullis.Audit;

/// <summary>
/// What a view entry of the insider-risk leads (view.selection, view.finding, view.score, view.scan,
/// view.order) was about, resolved once when it was written: the entry's time, actor and action
/// copied, its container (a consignment subject's container, else the reference) and hub. Derived
/// from the entry and outside the hash chain (docs/AUDIT.md): verify never reads it, and the leads
/// show their evidence from audit_log itself. It lets the leads request read compact rows by time
/// instead of resolving every subject string of the period again (a month is 600,000).
/// </summary>
public sealed class AuditViewFact
{
    public long EntryId { get; init; }

    public AuditEntry? Entry { get; init; }

    /// <summary>The entry's <see cref="AuditEntry.At"/>, exactly (set after the chain raised it, if it did).</summary>
    public DateTime At { get; internal set; }

    public required string Actor { get; init; }

    public required string Action { get; init; }

    /// <summary>The container (or, for a consignment without one, its reference); null when the subject names neither a known consignment nor a container.</summary>
    public string? Container { get; init; }

    /// <summary>
    /// The hub when written: a consignment's hub, or for a container the hub of its latest consignment.
    /// A selection's hub takes precedence at request time (selections may come after the view).
    /// </summary>
    public string? Hub { get; init; }
}

internal sealed class AuditViewFactConfiguration : IEntityTypeConfiguration<AuditViewFact>
{
    public void Configure(EntityTypeBuilder<AuditViewFact> builder)
    {
        builder.ToTable("audit_view_facts");
        builder.HasKey(f => f.EntryId);
        builder.Property(f => f.EntryId).ValueGeneratedNever();
        builder.Property(f => f.Actor).HasMaxLength(100);
        builder.Property(f => f.Action).HasMaxLength(60);
        builder.Property(f => f.Container).HasMaxLength(200);
        builder.Property(f => f.Hub).HasMaxLength(10);
        // In the model, so that EF inserts the entry first and copies its id into the fact; the migrations
        // create no foreign key (PostgreSQL refuses TRUNCATE of a referenced table before audit_log's
        // append-only trigger can say why). Audit rows are never deleted, so Restrict is never exercised.
        builder.HasOne(f => f.Entry).WithOne().HasForeignKey<AuditViewFact>(f => f.EntryId).OnDelete(DeleteBehavior.Restrict);
        // The leads read a period: the rows of a month, not the whole trail; and find the selections viewed in it.
        builder.HasIndex(f => f.At);
        builder.HasIndex(f => new { f.Container, f.At });
    }
}

/// <summary>Writes the facts of new view entries (with the entries, in the same save) and fills them in for entries written without.</summary>
public static class AuditViewFacts
{
    /// <summary>The view actions the leads read; only these get facts.</summary>
    public static readonly string[] Actions = ["view.selection", "view.finding", "view.score", "view.scan", "view.order"];

    /// <summary>
    /// Adds a fact for each pending view entry to the context, resolving their subjects in one round of
    /// queries; called before the entries are linked, outside the append lock. Returns the facts, whose
    /// time <see cref="Stamp"/> sets once the chain has fixed the entries' times.
    /// </summary>
    internal static async Task<List<AuditViewFact>> StageAsync(PortcullisDb db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        var views = pending.Where(e => IsView(e.Action)).ToList();
        var fresh = views.Where(e => !db.PendingViewFacts.ContainsKey(e)).ToList();
        if (fresh.Count == 0)
        {
            return [.. views.Select(e => db.PendingViewFacts[e])];
        }

        var facts = await ResolveAsync(db, fresh, (entry, container, hub) => new AuditViewFact
        {
            Entry = entry,
            At = entry.At,
            Actor = entry.Actor,
            Action = entry.Action,
            Container = container,
            Hub = hub,
        }, cancellationToken);
        db.Set<AuditViewFact>().AddRange(facts);
        foreach (var fact in facts)
        {
            db.PendingViewFacts[fact.Entry!] = fact;
        }

        return [.. views.Select(e => db.PendingViewFacts[e])];
    }

    /// <summary>Copies the entries' final times (the chain may raise them to a concurrent writer's) into their facts.</summary>
    internal static void Stamp(List<AuditViewFact> facts)
    {
        foreach (var fact in facts)
        {
            fact.At = fact.Entry!.At;
        }
    }

    /// <summary>
    /// Stores the facts of every view entry that has none (entries written before the table existed, or
    /// inserted outside Portcullis), a batch per transaction, resolved as if written now; returns how
    /// many it filled. Run after migrations are applied and by `db migrate`
    /// (<see cref="Storage.Database.MigrateAsync"/>). Until then the leads resolve such entries themselves.
    /// </summary>
    public static async Task<int> BackfillAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filled = 0;
        while (true)
        {
            var batch = await db.Audit.AsNoTracking()
                .Where(a => Actions.Contains(a.Action) && !db.Set<AuditViewFact>().Any(f => f.EntryId == a.Id))
                .OrderBy(a => a.Id).Take(5000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return filled;
            }

            var facts = await ResolveAsync(db, batch, (entry, container, hub) => new AuditViewFact
            {
                EntryId = entry.Id,
                At = entry.At,
                Actor = entry.Actor,
                Action = entry.Action,
                Container = container,
                Hub = hub,
            }, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await BulkInsert.InsertAsync(db, facts, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                filled += batch.Count;
            }
            catch (System.Data.Common.DbException)
            {
                // A second server starting at the same time may have filled these first: ask again.
                await transaction.RollbackAsync(cancellationToken);
                if (!await db.Set<AuditViewFact>().AnyAsync(f => f.EntryId == batch[0].Id, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// The facts of the entries in [<paramref name="start"/>, <paramref name="end"/>), in time order. Plain
    /// ADO.NET rather than LINQ: a month is 600,000 rows, and on SQLite the times are parsed here from
    /// their fixed text form instead of by the general parser.
    /// </summary>
    internal static async Task<List<AuditViewFact>> ReadAsync(PortcullisDb db, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var sqlite = db is SqlitePortcullisDb;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = """SELECT "EntryId", "At", "Actor", "Action", "Container", "Hub" FROM audit_view_facts WHERE "At" >= @start AND "At" < @end ORDER BY "At", "EntryId" """;
            foreach (var (name, value) in new[] { ("start", start), ("end", end) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                // SQLite keeps times as text: the parameter in the same form, so that they compare as text.
                parameter.Value = sqlite ? SqliteTime(value) : DateTime.SpecifyKind(value, DateTimeKind.Utc);
                command.Parameters.Add(parameter);
            }

            var facts = new List<AuditViewFact>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                facts.Add(new AuditViewFact
                {
                    EntryId = reader.GetInt64(0),
                    At = sqlite ? ParseSqliteTime(reader.GetString(1)) : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                    Actor = reader.GetString(2),
                    Action = reader.GetString(3),
                    Container = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Hub = reader.IsDBNull(5) ? null : reader.GetString(5),
                });
            }

            return facts;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The form the bulk insert and EF Core write, so that the period's bounds compare as text with the stored times.
    internal static string SqliteTime(DateTime at) => at.ToString(SqliteRows.DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture);

    internal static DateTime ParseSqliteTime(string text)
    {
        if (text.Length is < 19 or > 27 || text[4] != '-' || text[10] != ' ' || text[13] != ':' || (text.Length > 19 && text[19] != '.'))
        {
            return DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        var at = new DateTime(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2), Digits(text, 11, 2), Digits(text, 14, 2), Digits(text, 17, 2), DateTimeKind.Utc);
        long fraction = 0;
        for (var i = 20; i < 27; i++)
        {
            fraction = fraction * 10 + (i < text.Length ? text[i] - '0' : 0);
        }

        return at.AddTicks(fraction);
    }

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = value * 10 + text[i] - '0';
        }

        return value;
    }

    internal static bool IsView(string action) => Array.IndexOf(Actions, action) >= 0;

    private static async Task<List<AuditViewFact>> ResolveAsync(PortcullisDb db, IReadOnlyList<AuditEntry> entries, Func<AuditEntry, string?, string?, AuditViewFact> fact, CancellationToken cancellationToken)
    {
        var subjects = new AuditSubjectMap();
        await subjects.LoadSubjectsAsync(db, entries.Select(e => e.Subject), cancellationToken);
        return [.. entries.Select(e =>
        {
            var (container, hub) = subjects.ResolveAsWritten(e.Subject);
            return fact(e, container, hub);
        })];
    }
}
