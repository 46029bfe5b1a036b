using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Parties.Sanctions;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// A screening pass: every party not yet screened against the active list versions is screened,
/// parties of consignments with an open selection (planned or under control) first, then the
/// rest. Each batch is its own transaction (a leased background job, also `portcullis sanctions
/// screen`): candidate hits at or above the threshold are stored or updated, and each party's
/// marker records the version set it was screened against. A dismissed hit stays dismissed while
/// its entry's content hash is unchanged; a changed entry reopens it.
/// </summary>
public static class ScreenParties
{
    public const string SystemActor = "system:sanctions-screening";

    public sealed record PassResult(string? Versions, int Screened, int PlannedFirst, int NewHits, int Reopened);

    public static async Task<PassResult> RunPassAsync(Database database, ScreeningState state, SanctionsOptions options, TimeProvider clock, CancellationToken cancellationToken,
        int? maxParties = null, Func<CancellationToken, Task<bool>>? stillMine = null)
    {
        await using var db = database.CreateContext();
        var snapshot = await state.GetAsync(db, cancellationToken);
        if (snapshot is null)
        {
            return new PassResult(null, 0, 0, 0, 0);
        }

        var key = snapshot.Key;
        var budget = maxParties ?? int.MaxValue;
        int screened = 0, newHits = 0, reopened = 0;

        var planned = await PlannedPartiesAsync(db, key, cancellationToken);
        foreach (var chunk in planned.Chunk(Math.Max(1, options.BatchSize)))
        {
            var ids = chunk.Take(budget - screened).ToList();
            if (ids.Count == 0)
            {
                break;
            }

            var (hits, reopens) = await ScreenBatchAsync(db, snapshot, options, clock, ids, cancellationToken);
            screened += ids.Count;
            newHits += hits;
            reopened += reopens;
        }

        var plannedFirst = screened;
        while (screened < budget && (stillMine is null || await stillMine(cancellationToken)))
        {
            var take = Math.Min(Math.Max(1, options.BatchSize), budget - screened);
            var ids = await db.Parties.AsNoTracking()
                .Where(p => !db.SanctionsScreenings.Any(s => s.PartyId == p.Id && s.Versions == key))
                .OrderBy(p => p.Id).Select(p => p.Id).Take(take).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var (hits, reopens) = await ScreenBatchAsync(db, snapshot, options, clock, ids, cancellationToken);
            screened += ids.Count;
            newHits += hits;
            reopened += reopens;
        }

        return new PassResult(key, screened, plannedFirst, newHits, reopened);
    }

    /// <summary>Parties of consignments whose selection is still open, not yet screened against <paramref name="key"/>.</summary>
    private static async Task<List<Guid>> PlannedPartiesAsync(PortcullisDb db, string key, CancellationToken cancellationToken)
    {
        var open = await db.Selections.AsNoTracking().Where(s => s.State != SelectionState.Closed && s.State != SelectionState.Released)
            .Select(s => s.ConsignmentIds).ToListAsync(cancellationToken);
        var consignments = open.SelectMany(c => c).Distinct().ToList();
        var parties = new HashSet<Guid>();
        foreach (var chunk in consignments.Chunk(1000))
        {
            var ids = chunk.ToList();
            parties.UnionWith(await db.Set<ConsignmentParty>().AsNoTracking().Where(p => ids.Contains(p.ConsignmentId)).Select(p => p.PartyId).ToListAsync(cancellationToken));
        }

        var done = new HashSet<Guid>();
        foreach (var chunk in parties.Chunk(1000))
        {
            var ids = chunk.ToList();
            done.UnionWith(await db.SanctionsScreenings.AsNoTracking().Where(s => ids.Contains(s.PartyId) && s.Versions == key).Select(s => s.PartyId).ToListAsync(cancellationToken));
        }

        return [.. parties.Where(p => !done.Contains(p)).Order()];
    }

    private static async Task<(int NewHits, int Reopened)> ScreenBatchAsync(PortcullisDb db, ScreeningState.Snapshot snapshot, SanctionsOptions options, TimeProvider clock,
        List<Guid> ids, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        var parties = await db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var markers = await db.SanctionsScreenings.Where(s => ids.Contains(s.PartyId)).ToDictionaryAsync(s => s.PartyId, cancellationToken);
        var stored = (await db.SanctionsHits.Where(h => ids.Contains(h.PartyId)).ToListAsync(cancellationToken))
            .ToDictionary(h => (h.PartyId, h.Source, h.EntryId));
        int newHits = 0, reopened = 0;
        foreach (var party in parties)
        {
            var found = snapshot.Screener.Screen(ToScreened(party), options.Threshold, 5);
            foreach (var hit in found)
            {
                var (source, versionId) = snapshot.OriginOf(hit.Entry);
                var explanation = hit.Explanation.Length > 1000 ? hit.Explanation[..1000] : hit.Explanation;
                var name = hit.Entry.Name.Length > 1000 ? hit.Entry.Name[..1000] : hit.Entry.Name;
                if (!stored.TryGetValue((party.Id, source, hit.Entry.EntryId), out var row))
                {
                    row = new SanctionsHit
                    {
                        Id = Guid.CreateVersion7(),
                        PartyId = party.Id,
                        Source = source,
                        EntryId = hit.Entry.EntryId,
                        ListVersionId = versionId,
                        EntryName = name,
                        ContentHash = hit.Entry.ContentHash,
                        Score = hit.Score,
                        Explanation = explanation,
                        ExplanationPhrases = hit.ExplanationPhrases is { } pieces ? [.. pieces] : null,
                        FoundAt = now,
                    };
                    db.SanctionsHits.Add(row);
                    stored[(party.Id, source, hit.Entry.EntryId)] = row;
                    newHits++;
                    continue;
                }

                if (row.Status == SanctionsHitStatus.Dismissed && row.DismissedHash == hit.Entry.ContentHash)
                {
                    // The dismissal holds: the analyst decided on exactly this entry.
                    continue;
                }

                if (row.Status == SanctionsHitStatus.Dismissed)
                {
                    row.Status = SanctionsHitStatus.Open;
                    row.FoundAt = now;
                    AuditLog.Record(db, clock, SystemActor, null, "sanctions.hit.reopen", $"party {party.Id}",
                        $"{ImportSanctionsList.Name(source)} entry {hit.Entry.EntryId} changed since hit {row.Id} was dismissed; back in the queue");
                    reopened++;
                }

                if (row.ListVersionId != versionId || row.ContentHash != hit.Entry.ContentHash || row.Score != hit.Score || row.Explanation != explanation || row.EntryName != name)
                {
                    row.ListVersionId = versionId;
                    row.ContentHash = hit.Entry.ContentHash;
                    row.Score = hit.Score;
                    row.Explanation = explanation;
                    row.ExplanationPhrases = hit.ExplanationPhrases is { } pieces ? [.. pieces] : null;
                    row.EntryName = name;
                    row.Version++;
                }
                else if (row.ExplanationPhrases is null && hit.ExplanationPhrases is { } pieces)
                {
                    // A hit found before phrases existed: the same explanation, now sayable in Dutch; nothing a reviewer decided on changed.
                    row.ExplanationPhrases = [.. pieces];
                }
            }

            var best = found.Count == 0 ? (double?)null : found.Max(h => h.Score);
            if (markers.TryGetValue(party.Id, out var marker))
            {
                marker.Versions = snapshot.Key;
                marker.ScreenedAt = now;
                marker.BestScore = best;
            }
            else
            {
                db.SanctionsScreenings.Add(new SanctionsScreening { PartyId = party.Id, Versions = snapshot.Key, ScreenedAt = now, BestScore = best });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return (newHits, reopened);
    }

    /// <summary>The party as the screener sees it: EORI as identifier, names cut to a sane length (a stored name is at most a few hundred characters anyway).</summary>
    public static ScreenedParty ToScreened(Party party) =>
        new(party.Name.Length > 500 ? party.Name[..500] : party.Name, string.IsNullOrWhiteSpace(party.CountryCode) ? null : party.CountryCode,
            party.Eori is { Length: > 0 } eori ? [new ListIdentifier("EORI", eori)] : []);
}

/// <summary>Runs <see cref="ScreenParties"/> on one node at a time (a job lease), every <see cref="SanctionsOptions.ScreenEverySeconds"/> and when a list version arrives.</summary>
public sealed class SanctionsScreeningService(Database database, JobLeases leases, ScreeningState state, ScreeningSignal signal, SanctionsOptions options, TimeProvider clock,
    ILogger<SanctionsScreeningService> logger) : BackgroundService
{
    public const string Job = "parties.sanctions-screening";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ScreenEverySeconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(options.ScreenEverySeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            try
            {
                if (await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    // A long pass (every party after a new list) renews its lease between batches and stops when another node took it.
                    var result = await ScreenParties.RunPassAsync(database, state, options, clock, stoppingToken,
                        stillMine: ct => leases.TryAcquireAsync(Job, JobLeases.For(interval), ct));
                    if (result.Screened > 0)
                    {
                        SanctionsLog.Screened(logger, result.Screened, result.Versions!, result.NewHits, result.Reopened);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SanctionsLog.PassFailed(logger, e);
            }

            await Task.WhenAny(Task.Delay(interval, clock, stoppingToken), wake);
        }
    }
}
