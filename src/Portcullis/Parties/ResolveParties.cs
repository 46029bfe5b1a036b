using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Domain.Phrasing;
using Portcullis.Parties.Resolution;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>When the resolution job runs (`Parties:Resolution`).</summary>
public sealed class PartyResolutionOptions
{
    /// <summary>How often the job looks for new parties or decisions and resolves again when there are some; 0 turns the job off.</summary>
    public int CheckEverySeconds { get; set; } = 3600;

    /// <summary>A full run at least this often even when nothing seems new (the nightly run).</summary>
    public int FullRunHours { get; set; } = 24;
}

/// <summary>
/// A resolution run: every stored party (name, country, EORI, address, phone, e-mail) through the
/// <see cref="EntityResolver"/> with the analysts' merges and splits as constraints, then the entities
/// and links written in one transaction. An entity keeps its id when most of its parties are still
/// together (at least half of the old entity's members in one new entity); a party left on its own
/// has no link (it is its own entity). The `parties resolve` command and the leased job call it.
/// </summary>
public static class ResolveParties
{
    public const string SystemActor = "system:party-resolution";

    public sealed record RunResult(long RunId, int Parties, int Entities, int LinkedParties, int KeptEntities, int NewEntities, int RemovedEntities, int Decisions, long ComparedPairs);

    internal static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web);

    public static async Task<RunResult> RunAsync(Database database, TimeProvider clock, string actor, CancellationToken cancellationToken, ResolutionOptions? options = null)
    {
        await using var db = database.CreateContext();
        var started = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Parties.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.CountryCode, p.Eori, p.Street, p.City, p.Postcode, p.Phone, p.Email, p.FirstSeen })
            .ToListAsync(cancellationToken);
        var inputs = rows.Select(p => new PartyInput(p.Id, p.Name, p.CountryCode, p.Eori, p.Street, p.City, p.Postcode, p.Phone, p.Email)).ToList();
        var decisions = await db.PartyEntityDecisions.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var resolution = new EntityResolver(options ?? new ResolutionOptions()).Resolve(inputs, Constraints(decisions), cancellationToken);

        // The strongest kept link of each party is its evidence (links come strongest first).
        var strongest = new Dictionary<int, PartyLink>();
        foreach (var link in resolution.Links.OrderByDescending(l => l.Score))
        {
            strongest.TryAdd(link.A, link);
            strongest.TryAdd(link.B, link);
        }

        var lastMerge = new Dictionary<Guid, PartyEntityDecision>();
        foreach (var d in decisions.Where(d => d.Kind == PartyDecisionKind.Merge))
        {
            foreach (var p in d.PartyIds)
            {
                lastMerge[p] = d;
            }
        }

        var clusters = Enumerable.Range(0, inputs.Count).GroupBy(i => resolution.EntityOf[i]).Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = new PartyResolutionRun { StartedAt = started, RunBy = actor, Parties = inputs.Count, Decisions = decisions.Count, ComparedPairs = resolution.ComparedPairs };
        db.PartyResolutionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var links = await db.PartyEntityLinks.ToDictionaryAsync(l => l.PartyId, cancellationToken);
        var entities = await db.PartyEntities.ToDictionaryAsync(e => e.Id, cancellationToken);
        var oldSize = links.Values.GroupBy(l => l.EntityId).ToDictionary(g => g.Key, g => g.Count());

        // Stable ids: the largest overlaps are matched first; an old entity passes its id on only to
        // a new one that holds at least half of its members.
        var candidates = new List<(int Cluster, Guid Old, int Overlap)>();
        for (var c = 0; c < clusters.Count; c++)
        {
            foreach (var group in clusters[c].Select(i => links.GetValueOrDefault(inputs[i].Id)?.EntityId).OfType<Guid>().GroupBy(e => e))
            {
                candidates.Add((c, group.Key, group.Count()));
            }
        }

        var idOf = new Guid?[clusters.Count];
        var taken = new HashSet<Guid>();
        foreach (var (cluster, old, overlap) in candidates.OrderByDescending(x => x.Overlap).ThenBy(x => x.Cluster).ThenBy(x => x.Old))
        {
            if (idOf[cluster] is null && !taken.Contains(old) && overlap * 2 >= oldSize.GetValueOrDefault(old))
            {
                idOf[cluster] = old;
                taken.Add(old);
            }
        }

        var linked = new HashSet<Guid>();
        int kept = 0, created = 0;
        for (var c = 0; c < clusters.Count; c++)
        {
            var members = clusters[c];
            var oldest = members.OrderBy(i => rows[i].FirstSeen).ThenBy(i => rows[i].Id).First();
            var kind = members.Any(i => PartyProfile.NameWithoutLegalForm(inputs[i].Name).LegalForm.Length > 0) ? PartyEntityKind.Company : PartyEntityKind.Unknown;
            var country = members.GroupBy(i => rows[i].CountryCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            var name = rows[oldest].Name.Length > 512 ? rows[oldest].Name[..512] : rows[oldest].Name;
            var id = idOf[c] ?? Guid.CreateVersion7(clock.GetUtcNow());
            if (idOf[c] is not null && entities.TryGetValue(id, out var entity))
            {
                kept++;
                var changed = entity.DisplayName != name || entity.Kind != kind || entity.CountryCode != country || entity.PartyCount != members.Count
                    || members.Any(i => links.GetValueOrDefault(inputs[i].Id)?.EntityId != id);
                entity.DisplayName = name;
                entity.Kind = kind;
                entity.CountryCode = country;
                entity.PartyCount = members.Count;
                entity.RunId = run.Id;
                if (changed)
                {
                    entity.UpdatedAt = started;
                }
            }
            else
            {
                created++;
                db.PartyEntities.Add(new PartyEntity { Id = id, DisplayName = name, Kind = kind, CountryCode = country, CreatedAt = started, UpdatedAt = started, RunId = run.Id, PartyCount = members.Count });
            }

            foreach (var i in members)
            {
                var party = inputs[i].Id;
                linked.Add(party);
                var (score, to, evidence, source) = strongest.TryGetValue(i, out var link)
                    ? (link.Score, inputs[link.A == i ? link.B : link.A].Id, Evidence(link.Evidence), PartyLinkSource.Model)
                    : ((double?)null, (Guid?)null, AnalystEvidence(lastMerge.GetValueOrDefault(party)), PartyLinkSource.Analyst);
                if (links.TryGetValue(party, out var row))
                {
                    row.EntityId = id;
                    row.Score = score is { } s ? Math.Round(s, 2) : null;
                    row.LinkedTo = to;
                    row.Evidence = evidence;
                    row.Source = source;
                    row.RunId = run.Id;
                }
                else
                {
                    db.PartyEntityLinks.Add(new PartyEntityLink { PartyId = party, EntityId = id, Score = score is { } s ? Math.Round(s, 2) : null, LinkedTo = to, Evidence = evidence, Source = source, RunId = run.Id });
                }
            }
        }

        // A party now on its own is its own entity again; an entity no new one took over is gone.
        db.PartyEntityLinks.RemoveRange(links.Values.Where(l => !linked.Contains(l.PartyId)));
        var removed = entities.Values.Where(e => !taken.Contains(e.Id)).ToList();
        db.PartyEntities.RemoveRange(removed);

        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        run.Entities = clusters.Count;
        run.LinkedParties = linked.Count;
        AuditLog.Record(db, clock, actor, null, "parties.resolve", $"run {run.Id}",
            $"{inputs.Count} parties, {clusters.Count} entities of two or more ({linked.Count} parties linked; {kept} kept their id, {created} new, {removed.Count} gone), {decisions.Count} analyst decision(s) applied");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RunResult(run.Id, inputs.Count, clusters.Count, linked.Count, kept, created, removed.Count, decisions.Count, resolution.ComparedPairs);
    }

    /// <summary>
    /// The analysts' decisions as pair constraints: a merge covers every pair of its parties, a split
    /// every pair across its two sides; for a pair decided more than once the latest decision holds.
    /// </summary>
    public static List<ResolutionConstraint> Constraints(IEnumerable<PartyEntityDecision> decisions)
    {
        var latest = new Dictionary<(Guid, Guid), bool>();
        foreach (var d in decisions.OrderBy(d => d.Id))
        {
            if (d.Kind == PartyDecisionKind.Merge)
            {
                for (var i = 0; i < d.PartyIds.Count; i++)
                {
                    for (var j = i + 1; j < d.PartyIds.Count; j++)
                    {
                        latest[Pair(d.PartyIds[i], d.PartyIds[j])] = true;
                    }
                }
            }
            else
            {
                foreach (var a in d.PartyIds)
                {
                    foreach (var b in d.OtherPartyIds)
                    {
                        latest[Pair(a, b)] = false;
                    }
                }
            }
        }

        // Splits first: the clustering applies merges only where no split forbids them.
        return [.. latest.OrderBy(kv => kv.Value).Select(kv => new ResolutionConstraint(kv.Key.Item1, kv.Key.Item2, kv.Value))];
    }

    private static (Guid, Guid) Pair(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);

    public static string Evidence(IEnumerable<LinkEvidence> evidence)
    {
        // With phrases if they fit the column, else the English alone (the page shows it marked English), else cut.
        var json = JsonSerializer.Serialize(evidence.Select(e => new StoredLine(e.Field, e.Text, e.Weight, e.Phrase)), EvidenceJson);
        if (json.Length <= 4000)
        {
            return json;
        }

        json = JsonSerializer.Serialize(evidence.Select(e => new StoredLine(e.Field, e.Text, e.Weight)), EvidenceJson);
        return json.Length <= 4000 ? json : JsonSerializer.Serialize(evidence.Take(3).Select(e => new StoredLine(e.Field, e.Text.Length > 200 ? e.Text[..200] : e.Text, e.Weight)), EvidenceJson);
    }

    public static string AnalystEvidence(PartyEntityDecision? merge)
    {
        var said = merge is null ? Phrase.Of("LinkWhy.Analyst")
            : Phrase.Of("LinkWhy.AnalystMerge", merge.DecidedBy, merge.DecidedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), merge.Reason.Length > 300 ? merge.Reason[..300] : merge.Reason);
        return JsonSerializer.Serialize(new[] { new StoredLine("analyst", LinkPhrases.Catalogue.Say(said), 0, said) }, EvidenceJson);
    }

    public static IReadOnlyList<EvidenceLine> ReadEvidence(string json) =>
        [.. (JsonSerializer.Deserialize<List<StoredLine>>(json, EvidenceJson) ?? []).Select(l => new EvidenceLine(l.Field, l.Text, l.Weight, l.Phrase))];

    /// <summary>
    /// One line of a link's evidence: "same phone +31101234567", weighing +16.0 (log2 m/u). <c>Phrase</c> is
    /// the line for a page in the reader's language (not part of the API); null for links stored before phrases existed.
    /// </summary>
    public sealed record EvidenceLine(string Field, string Text, double Weight, [property: JsonIgnore] Phrase? Phrase = null);

    // The stored form of a line: the phrase is kept in the column's JSON, next to the English.
    private sealed record StoredLine(string Field, string Text, double Weight, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Phrase? Phrase = null);
}

/// <summary>
/// Runs <see cref="ResolveParties"/> on one node at a time (a job lease): every
/// <see cref="PartyResolutionOptions.CheckEverySeconds"/> it resolves again when parties arrived or
/// analysts decided since the last run, and at least every <see cref="PartyResolutionOptions.FullRunHours"/>.
/// The first check waits one interval, so a node that starts does not resolve at once.
/// </summary>
public sealed class PartyResolutionService(Database database, JobLeases leases, PartyResolutionOptions options, TimeProvider clock, ILogger<PartyResolutionService> logger) : BackgroundService
{
    public const string Job = "parties.resolution";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CheckEverySeconds <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(options.CheckEverySeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(interval, clock, stoppingToken);
            try
            {
                // The lease covers a long run too: a million parties take minutes, not three intervals.
                if (await DueAsync(stoppingToken) && await leases.TryAcquireAsync(Job, JobLeases.For(interval), stoppingToken))
                {
                    var result = await ResolveParties.RunAsync(database, clock, ResolveParties.SystemActor, stoppingToken);
                    SanctionsLog.Resolved(logger, result.RunId, result.Parties, result.Entities, result.LinkedParties);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SanctionsLog.ResolveFailed(logger, e);
            }
        }
    }

    private async Task<bool> DueAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var last = await db.PartyResolutionRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (last is null || last.FinishedAt < clock.GetUtcNow().UtcDateTime.AddHours(-Math.Max(1, options.FullRunHours)))
        {
            return await db.Parties.AnyAsync(cancellationToken);
        }

        return await db.Parties.CountAsync(cancellationToken) != last.Parties || await db.PartyEntityDecisions.CountAsync(cancellationToken) != last.Decisions;
    }
}
