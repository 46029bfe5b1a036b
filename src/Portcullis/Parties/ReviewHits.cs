using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Hosting;
using Portcullis.Parties.Sanctions;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// The review queue: targeting analysts and supervisors see the candidate hits of parties on
/// consignments of their hubs, and confirm or dismiss each with a reason (audited; the hit's
/// version guards against two people deciding at once). A confirmation opens the sanctions cases.
/// The API and the page call the same functions.
/// </summary>
public static class ReviewHits
{
    public sealed record DecisionRequest(string? Reason, int Version);

    public sealed record EntryView(string Kind, IReadOnlyList<string> Aliases, IReadOnlyList<string> Identifiers, IReadOnlyList<string> Countries, IReadOnlyList<string> Addresses,
        IReadOnlyList<string> BirthDates, string? Programme);

    public sealed record HitView(Guid Id, Guid PartyId, string PartyName, string PartyCountry, string? PartyEori, string Source, string EntryId, string EntryName, string ListVersion,
        double Score, string Explanation, string Status, DateTime FoundAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionReason, int Version, EntryView? Entry,
        [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<Portcullis.Domain.Phrasing.Phrase>? ExplanationPhrases = null);

    public sealed record DecisionView(HitView Hit, IReadOnlyList<Guid> SanctionsSelections);

    public static bool MayReview(CurrentUser? user) => user is { IsSystem: false } && user.Role is Roles.TargetingAnalyst or Roles.Supervisor;

    public static async Task<Results<Ok<IReadOnlyList<HitView>>, ProblemHttpResult>> ListAsync(string? status, PortcullisDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var wanted = ParseStatus(status);
        if (wanted is null && !string.Equals(status?.Trim(), "all", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(status))
        {
            return Refusal.Invalid($"The status '{Echo.Of(status)}' is not known; use open, confirmed, dismissed or all.").ToProblem("Unknown status.");
        }

        return TypedResults.Ok(await QueryAsync(db, user, string.IsNullOrWhiteSpace(status) ? SanctionsHitStatus.Open : wanted, cancellationToken));
    }

    public static SanctionsHitStatus? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "open" => SanctionsHitStatus.Open,
        "confirmed" => SanctionsHitStatus.Confirmed,
        "dismissed" => SanctionsHitStatus.Dismissed,
        _ => null,
    };

    /// <summary>Hits of parties that appear on a consignment of the user's hubs (all hubs: every hit), best score first.</summary>
    public static async Task<IReadOnlyList<HitView>> QueryAsync(PortcullisDb db, CurrentUser user, SanctionsHitStatus? status, CancellationToken cancellationToken, int limit = 500)
    {
        var hits = db.SanctionsHits.AsNoTracking().AsQueryable();
        if (status is { } s)
        {
            hits = hits.Where(h => h.Status == s);
        }

        if (!user.AllHubs)
        {
            var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
            hits = hits.Where(h => db.Set<ConsignmentParty>().Any(p => p.PartyId == h.PartyId && db.Consignments.Any(c => c.Id == p.ConsignmentId && hubs.Contains(c.HubCode))));
        }

        var rows = await hits.OrderByDescending(h => h.Score).ThenBy(h => h.FoundAt).Take(limit).ToListAsync(cancellationToken);
        return await ViewsAsync(db, rows, cancellationToken);
    }

    private static async Task<IReadOnlyList<HitView>> ViewsAsync(PortcullisDb db, IReadOnlyList<SanctionsHit> rows, CancellationToken cancellationToken)
    {
        var partyIds = rows.Select(r => r.PartyId).Distinct().ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var versionIds = rows.Select(r => r.ListVersionId).Distinct().ToList();
        var versions = await db.SanctionsListVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Version, cancellationToken);
        var views = new List<HitView>(rows.Count);
        foreach (var h in rows)
        {
            var json = await db.SanctionsEntries.AsNoTracking().Where(e => e.VersionId == h.ListVersionId && e.EntryId == h.EntryId).Select(e => e.Json).FirstOrDefaultAsync(cancellationToken);
            var entry = json is null ? null : JsonSerializer.Deserialize<SanctionsEntry>(json, ImportSanctionsList.EntryJson);
            var party = parties.GetValueOrDefault(h.PartyId);
            views.Add(new HitView(h.Id, h.PartyId, party?.Name ?? "", party?.CountryCode ?? "", party?.Eori, ImportSanctionsList.Name(h.Source), h.EntryId, h.EntryName,
                versions.GetValueOrDefault(h.ListVersionId) ?? "", h.Score, h.Explanation, h.Status.ToString().ToLowerInvariant(), h.FoundAt, h.DecidedBy, h.DecidedAt, h.DecisionReason, h.Version,
                entry is null ? null : new EntryView(entry.Kind.ToString().ToLowerInvariant(), entry.Aliases, [.. entry.Identifiers.Select(i => $"{i.Kind} {i.Value}")], entry.Countries, entry.Addresses, entry.BirthDates, entry.Programme),
                h.ExplanationPhrases));
        }

        return views;
    }

    public static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> ConfirmAsync(Guid id, DecisionRequest request, PortcullisDb db, HttpContext context, TimeProvider clock,
        SanctionsOptions options, SelectionOptions selection, CancellationToken cancellationToken) =>
        Answer(await DecideAsync(db, clock, options, selection, CurrentUser.From(context.User)!, id, confirm: true, request, cancellationToken), "The hit cannot be confirmed.");

    public static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> DismissAsync(Guid id, DecisionRequest request, PortcullisDb db, HttpContext context, TimeProvider clock,
        SanctionsOptions options, SelectionOptions selection, CancellationToken cancellationToken) =>
        Answer(await DecideAsync(db, clock, options, selection, CurrentUser.From(context.User)!, id, confirm: false, request, cancellationToken), "The hit cannot be dismissed.");

    private static Results<Ok<DecisionView>, ProblemHttpResult> Answer(Outcome<DecisionView> outcome, string title) =>
        outcome.Value is { } view ? TypedResults.Ok(view) : outcome.Refusal!.ToProblem(title);

    public static async Task<Outcome<DecisionView>> DecideAsync(PortcullisDb db, TimeProvider clock, SanctionsOptions options, SelectionOptions selection, CurrentUser user,
        Guid id, bool confirm, DecisionRequest request, CancellationToken cancellationToken)
    {
        var hit = await db.SanctionsHits.SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (hit is null || !await VisibleAsync(db, user, hit.PartyId, cancellationToken))
        {
            return Refusal.NotFound($"There is no sanctions hit {id} on a party of your hubs.");
        }

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length < 5 || reason.Length > 1000)
        {
            return Refusal.Invalid("Give the reason for the decision in a sentence (5 to 1000 characters): what matched or what tells the party and the entry apart.");
        }

        if (hit.Version != request.Version)
        {
            return Refusal.Conflict($"The hit changed since you read it (version {request.Version}, now {hit.Version}); reload it and decide again.");
        }

        if (hit.Status != SanctionsHitStatus.Open)
        {
            return Refusal.Conflict($"The hit was already {hit.Status.ToString().ToLowerInvariant()} by {hit.DecidedBy}; only open hits can be decided.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        hit.Status = confirm ? SanctionsHitStatus.Confirmed : SanctionsHitStatus.Dismissed;
        hit.DecidedAt = now;
        hit.DecidedBy = user.Name;
        hit.DecisionReason = reason;
        hit.DismissedHash = confirm ? null : hit.ContentHash;
        hit.Version++;
        IReadOnlyList<SelectionCase> cases = [];
        if (confirm)
        {
            cases = await SanctionsCases.OpenAsync(db, clock, options, selection, user.Name, user.OrganisationId, hit, cancellationToken);
            Outbox.Add(db, clock, new SanctionsHitConfirmed(hit.Id, hit.PartyId, [.. cases.Select(c => c.Id)]));
        }

        AuditLog.Record(db, clock, user, confirm ? "sanctions.hit.confirm" : "sanctions.hit.dismiss", $"party {hit.PartyId}",
            $"hit {hit.Id} on {ImportSanctionsList.Name(hit.Source)} entry {hit.EntryId} (score {hit.Score:0.00}): {reason}{(confirm ? $"; {cases.Count} sanctions case(s) opened" : "")}");
        return new DecisionView((await ViewsAsync(db, [hit], cancellationToken))[0], [.. cases.Select(c => c.Id)]);
    }

    private static async Task<bool> VisibleAsync(PortcullisDb db, CurrentUser user, Guid partyId, CancellationToken cancellationToken)
    {
        if (user.AllHubs)
        {
            return true;
        }

        var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
        return await db.Set<ConsignmentParty>().AnyAsync(p => p.PartyId == partyId && db.Consignments.Any(c => c.Id == p.ConsignmentId && hubs.Contains(c.HubCode)), cancellationToken);
    }
}
