using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portcullis.Parties.Sanctions;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// The screener of this node, built once per set of active list versions and kept in memory, like
/// the risk engine's state: every use asks the database which versions are active (one small query)
/// and rebuilds only when that set changed; the outbox event of a new version drops it at once.
/// </summary>
public sealed class ScreeningState(SanctionsFormats formats)
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The screener over the active versions, named by <see cref="Key"/> ("eu:3,ftm:7").</summary>
    public sealed class Snapshot(string key, ISanctionsScreener screener, IReadOnlyDictionary<SanctionsEntry, (SanctionsSource Source, long VersionId)> origins, int entries)
    {
        public string Key { get; } = key;

        public ISanctionsScreener Screener { get; } = screener;

        public int Entries { get; } = entries;

        /// <summary>Which list and version an entry the screener returned came from.</summary>
        public (SanctionsSource Source, long VersionId) OriginOf(SanctionsEntry entry) => origins[entry];
    }

    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    /// <summary>The screener for the versions active now; null when no list was imported.</summary>
    public async Task<Snapshot?> GetAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        var active = await db.SanctionsListVersions.AsNoTracking().Where(v => v.Active).Select(v => new { v.Id, v.Source }).ToListAsync(cancellationToken);
        if (active.Count == 0)
        {
            return null;
        }

        var key = KeyOf(active.Select(a => (a.Source, a.Id)));
        if (Volatile.Read(ref _snapshot) is { } ready && ready.Key == key)
        {
            return ready;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _snapshot) is { } built && built.Key == key)
            {
                return built;
            }

            var ids = active.Select(a => a.Id).ToList();
            var sourceOf = active.ToDictionary(a => a.Id, a => a.Source);
            var origins = new Dictionary<SanctionsEntry, (SanctionsSource, long)>(ReferenceEqualityComparer.Instance);
            await foreach (var row in db.SanctionsEntries.AsNoTracking().Where(e => ids.Contains(e.VersionId)).Select(e => new { e.VersionId, e.Json })
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var entry = JsonSerializer.Deserialize<SanctionsEntry>(row.Json, ImportSanctionsList.EntryJson)!;
                origins[entry] = (sourceOf[row.VersionId], row.VersionId);
            }

            var snapshot = new Snapshot(key, formats.BuildScreener([.. origins.Keys]), origins, origins.Count);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    public static string KeyOf(IEnumerable<(SanctionsSource Source, long Id)> versions) =>
        string.Join(',', versions.OrderBy(v => v.Source).Select(v => $"{ImportSanctionsList.Name(v.Source)}:{v.Id}"));
}

/// <summary>On a new list version: forget the screener and wake this node's screening job.</summary>
public sealed class SanctionsListActivatedHandler(ScreeningState state, ScreeningSignal signal) : IOutboxHandler
{
    public bool Handles(string type) => type == SanctionsListActivated.EventType;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        state.Invalidate();
        signal.Wake();
        return Task.CompletedTask;
    }
}

/// <summary>Wakes the screening job before its next tick.</summary>
public sealed class ScreeningSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Wake"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Wake() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
