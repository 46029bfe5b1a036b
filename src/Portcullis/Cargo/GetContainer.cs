using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Standards;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Cargo;

/// <summary>REST: a container by ISO 6346 number: its type, consignments in the caller's hubs and its events.</summary>
public static class GetContainer
{
    public sealed record ContainerEventView(string Type, DateTime OccurredAt, string UnLocode, string? Facility, string? SealNumber, string Source);

    public sealed record ContainerConsignment(Guid Id, string Reference, string HubCode, DateTime ArrivedAt);

    public sealed record ContainerView(string ContainerNumber, string OwnerCode, string SizeType, bool Reefer, IReadOnlyList<ContainerConsignment> Consignments, IReadOnlyList<ContainerEventView> Events);

    public static async Task<Results<Ok<ContainerView>, ProblemHttpResult>> HandleAsync(string number, HttpContext context, PortcullisDb db, CancellationToken cancellationToken)
    {
        var parsed = ContainerNumber.Parse(number);
        if (!parsed.Success)
        {
            return TypedResults.Problem(parsed.Error!.Replace(number, Echo.Of(number), StringComparison.Ordinal), statusCode: StatusCodes.Status400BadRequest, title: "Not an ISO 6346 container number.");
        }

        var view = await FindAsync(db, parsed.Value, CurrentUser.From(context.User)!, cancellationToken);
        return view is null
            ? TypedResults.Problem($"There is no container {parsed.Value.Value} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
            : TypedResults.Ok(view);
    }

    /// <summary>The container as the API and the container page show it; null when it is unknown or has no consignment in the user's hubs.</summary>
    public static async Task<ContainerView?> FindAsync(PortcullisDb db, ContainerNumber number, CurrentUser user, CancellationToken cancellationToken)
    {
        var canonical = number.Value;
        var equipment = await db.Equipment.AsNoTracking().SingleOrDefaultAsync(e => e.ContainerNumber == canonical, cancellationToken);
        var consignments = await db.ConsignmentEquipment.AsNoTracking()
            .Where(e => e.ContainerNumber == canonical)
            .Join(db.Consignments, e => e.ConsignmentId, c => c.Id, (e, c) => new ContainerConsignment(c.Id, c.Reference, c.HubCode, c.ArrivedAt))
            .ToListAsync(cancellationToken);
        var visible = consignments.Where(c => user.CanSeeHub(c.HubCode)).OrderByDescending(c => c.ArrivedAt).ToList();
        if (equipment is null || (visible.Count == 0 && !user.AllHubs))
        {
            return null;
        }

        var events = await db.ContainerEvents.AsNoTracking()
            .Where(e => e.ContainerNumber == canonical)
            .OrderByDescending(e => e.OccurredAt).Take(200)
            .Select(e => new ContainerEventView(e.Type.ToString(), e.OccurredAt, e.UnLocode, e.Facility, e.SealNumber, e.Source))
            .ToListAsync(cancellationToken);
        return new ContainerView(canonical, number.OwnerCode, equipment.SizeType, equipment.Reefer, visible, events);
    }
}
