using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portcullis.Storage;

/// <summary>
/// A change other capabilities react to, written in the same transaction as the change itself, so
/// that a reaction is never lost (the change committed) nor invented (the change rolled back).
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }

    /// <summary>Dotted name owned by the capability that writes it, e.g. <c>risk.profile.activated</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The event as JSON.</summary>
    public required string Payload { get; init; }

    public required DateTime OccurredAt { get; init; }

    /// <summary>The node (process) that wrote it; a process reacts to everyone's rows, its own included.</summary>
    public required string Origin { get; init; }
}

/// <summary>An event for the outbox: plain data with the name other capabilities subscribe to.</summary>
public interface IOutboxEvent
{
    string Type { get; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.Type).HasMaxLength(80);
        builder.Property(m => m.Origin).HasMaxLength(160);
        builder.HasIndex(m => m.OccurredAt);
    }
}

/// <summary>Writes outbox rows. Handlers call this instead of calling another capability directly.</summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds the event to the context; it is stored by the same SaveChanges (and transaction) as the
    /// change it announces, and dispatched after that commits.
    /// </summary>
    public static void Add<TEvent>(PortcullisDb db, TimeProvider clock, TEvent @event)
        where TEvent : IOutboxEvent
    {
        db.HasStagedOutboxRows = true;
        db.Outbox.Add(new OutboxMessage
        {
            Type = @event.Type,
            Payload = JsonSerializer.Serialize(@event, Json),
            // The time of writing, not of the domain event: the dispatcher's settling window relies on it.
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            Origin = NodeIdentity.Current,
        });
    }
}

/// <summary>Reacts to outbox messages of the types it names. Handlers must be idempotent: a row may be seen twice.</summary>
public interface IOutboxHandler
{
    bool Handles(string type);

    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Which process this is, for outbox origins and job leases: stable for the process's lifetime, unique across nodes.</summary>
public static class NodeIdentity
{
    public static string Current { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>Set when a save stored outbox rows (<see cref="PortcullisDb"/>); wakes the dispatcher.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _pending;

    public bool Pending => Volatile.Read(ref _pending) == 1;

    public void Notify()
    {
        Volatile.Write(ref _pending, 1);
        // At most one wake-up waits; a second notification before the dispatcher runs changes nothing.
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    internal void Clear() => Volatile.Write(ref _pending, 0);

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}

public sealed class OutboxOptions
{
    /// <summary>How often a process looks for rows other processes wrote.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>How long rows are kept after they were dispatched.</summary>
    public int RetentionDays { get; set; } = 7;
}

/// <summary>
/// Delivers outbox rows to this process's handlers: its own rows right after commit, everyone
/// else's on the next poll. Rows are read by id; because ids are handed out before commit, a
/// transaction that commits late can make a lower id appear after a higher one, so the dispatcher
/// keeps re-reading a settling window of recent rows and remembers which of them it handled.
/// Other processes' rows from before this one started are skipped (their effects are in whatever
/// state this process loads); this process's own rows never are, even when it committed them before
/// its first dispatch (a command, or the demo set-up before the server starts).
/// </summary>
public sealed partial class OutboxDispatcher(Database database, IEnumerable<IOutboxHandler> handlers, OutboxSignal signal, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Longer than any transaction that writes outbox rows is expected to stay open.</summary>
    public static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(60);

    private readonly IOutboxHandler[] _handlers = [.. handlers];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _handled = [];

    // Rows above _watermark are read whoever wrote them; this process's own rows above _ownWatermark
    // too. Both move past rows once they are older than the settling window.
    private long? _watermark;
    private long _ownWatermark;

    /// <summary>Skips the rows other processes wrote before now (see the class summary).</summary>
    public async Task StartFromNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            _watermark ??= await db.Outbox.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Handles every row not handled yet; returns how many were handled.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        if (_watermark is null)
        {
            await StartFromNowAsync(cancellationToken);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            signal.Clear();
            await using var db = database.CreateContext();
            var from = _watermark!.Value;
            var ownFrom = _ownWatermark;
            var me = NodeIdentity.Current;
            var rows = await db.Outbox.AsNoTracking()
                .Where(m => m.Id > from || (m.Origin == me && m.Id > ownFrom))
                .OrderBy(m => m.Id)
                .ToListAsync(cancellationToken);
            var count = 0;
            foreach (var row in rows)
            {
                if (!_handled.Add(row.Id))
                {
                    continue;
                }

                count++;
                foreach (var handler in _handlers)
                {
                    if (!handler.Handles(row.Type))
                    {
                        continue;
                    }

                    try
                    {
                        await handler.HandleAsync(row, cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One failing reaction must not stop the others; handlers are idempotent and
                        // their state is rebuilt from the database, so a missed reaction heals at the next rebuild.
                        HandlerFailed(logger, handler.GetType().Name, row.Type, row.Id, e);
                    }
                }
            }

            // Everything older than the settling window is final: move the watermarks past it.
            var settled = clock.GetUtcNow().UtcDateTime - SettleWindow;
            if (rows.TakeWhile(r => r.OccurredAt < settled).Select(r => (long?)r.Id).LastOrDefault() is { } final)
            {
                _watermark = Math.Max(_watermark.Value, final);
                _ownWatermark = Math.Max(_ownWatermark, final);
                _handled.RemoveWhere(id => id <= final);
            }

            return count;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Outbox handler {Handler} failed on {Type} #{Id}; the others ran.")]
    private static partial void HandlerFailed(ILogger logger, string handler, string type, long id, Exception exception);
}

/// <summary>
/// Polls the outbox for rows written by other processes (another node, a CLI command) and wakes at
/// once for rows this process committed; also prunes old rows, on one node at a time.
/// </summary>
public sealed partial class OutboxService(OutboxDispatcher dispatcher, OutboxSignal signal, JobLeases leases, Database database, OutboxOptions options, TimeProvider clock, ILogger<OutboxService> logger) : BackgroundService
{
    public const string PruneJob = "outbox.prune";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await dispatcher.StartFromNowAsync(stoppingToken);
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        var nextPrune = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchAsync(stoppingToken);
                var now = clock.GetUtcNow().UtcDateTime;
                if (now >= nextPrune)
                {
                    nextPrune = now.AddHours(1);
                    await PruneAsync(now, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PollFailed(logger, e);
            }

            await signal.WaitAsync(poll, stoppingToken);
        }
    }

    /// <summary>A node that stops cleanly hands its jobs over at once instead of when its leases expire.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.ReleaseAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PollFailed(logger, e);
        }
    }

    private async Task PruneAsync(DateTime now, CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync(PruneJob, TimeSpan.FromHours(2), cancellationToken))
        {
            return;
        }

        var before = now.AddDays(-Math.Max(1, options.RetentionDays));
        await using var db = database.CreateContext();
        await db.Outbox.Where(m => m.OccurredAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Reading the outbox failed; it is tried again at the next poll.")]
    private static partial void PollFailed(ILogger logger, Exception exception);
}
