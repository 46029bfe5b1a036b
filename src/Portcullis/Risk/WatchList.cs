using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;

namespace Portcullis.Risk;

/// <summary>REST: parties analysts want flagged, which rules test with party_watch_listed. Adding and removing is audited.</summary>
public static class WatchList
{
    public sealed record AddRequest(Guid PartyId, string Reason);

    public sealed record EntryView(Guid Id, Guid PartyId, string PartyName, string Country, string Reason, string AddedBy, DateTime AddedAt);

    public static async Task<Ok<IReadOnlyList<EntryView>>> ListAsync(PortcullisDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<EntryView>>(await db.WatchList.AsNoTracking().Where(w => w.RemovedAt == null)
            .Join(db.Parties, w => w.PartyId, p => p.Id, (w, p) => new EntryView(w.Id, w.PartyId, p.Name, p.CountryCode, w.Reason, w.AddedBy, w.AddedAt))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Created<EntryView>, ProblemHttpResult>> AddAsync(AddRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.Problem("A reason is required; say why this party is watched.", statusCode: StatusCodes.Status400BadRequest, title: "Reason missing.");
        }

        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PartyId, cancellationToken);
        if (party is null)
        {
            return TypedResults.Problem($"There is no party {request.PartyId}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        var user = CurrentUser.From(context.User)!;
        var entry = new WatchListEntry { Id = Guid.CreateVersion7(), PartyId = party.Id, Reason = request.Reason.Trim(), AddedBy = user.Name, AddedAt = clock.GetUtcNow().UtcDateTime };
        db.WatchList.Add(entry);
        AuditLog.Record(db, clock, user, "risk.watch-list.add", $"party {party.Id}", entry.Reason);
        Outbox.Add(db, clock, new WatchListChanged(party.Id, Watched: true));
        return TypedResults.Created($"/api/v1/risk/watch-list/{entry.Id}", new EntryView(entry.Id, party.Id, party.Name, party.CountryCode, entry.Reason, entry.AddedBy, entry.AddedAt));
    }

    public static async Task<Results<Ok, ProblemHttpResult>> RemoveAsync(Guid id, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var entry = await db.WatchList.SingleOrDefaultAsync(w => w.Id == id && w.RemovedAt == null, cancellationToken);
        if (entry is null)
        {
            return TypedResults.Problem($"There is no watch-list entry {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        entry.RemovedAt = clock.GetUtcNow().UtcDateTime;
        AuditLog.Record(db, clock, CurrentUser.From(context.User)!, "risk.watch-list.remove", $"party {entry.PartyId}");
        Outbox.Add(db, clock, new WatchListChanged(entry.PartyId, Watched: false));
        return TypedResults.Ok();
    }
}
