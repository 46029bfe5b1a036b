using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Standards;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// REST: a container's seal and sensor readings, newest event first, for customs people who may
/// see the container (its page's rule: a consignment in one of their hubs, or all hubs).
/// </summary>
public static class ListReadings
{
    public sealed record ReadingView(
        string DeviceId, string ReadingId, string Kind, DateTime OccurredAt, DateTime ReceivedAt, double? Latitude, double? Longitude,
        string? Seal, string? SealNumber, bool? DoorOpen, double? Value, double? SetPoint, double? BatteryPercent, string? Warnings, string Evaluation);

    public static async Task<Results<Ok<IReadOnlyList<ReadingView>>, ProblemHttpResult>> HandleAsync(
        string number, HttpContext context, PortcullisDb db, int? limit, CancellationToken cancellationToken)
    {
        var parsed = ContainerNumber.Parse(number);
        if (!parsed.Success)
        {
            return TypedResults.Problem(parsed.Error!.Replace(number, Echo.Of(number), StringComparison.Ordinal), statusCode: StatusCodes.Status400BadRequest, title: "Not an ISO 6346 container number.");
        }

        var canonical = parsed.Value.Value;
        var user = CurrentUser.From(context.User)!;
        var hubs = await db.ConsignmentEquipment.AsNoTracking().Where(e => e.ContainerNumber == canonical)
            .Join(db.Consignments, e => e.ConsignmentId, c => c.Id, (e, c) => c.HubCode).Distinct().ToListAsync(cancellationToken);
        if (!user.AllHubs && !hubs.Any(user.CanSeeHub))
        {
            return TypedResults.Problem($"There is no container {canonical} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        var take = Math.Clamp(limit ?? 500, 1, 5_000);
        IReadOnlyList<ReadingView> rows = await db.SensorReadings.AsNoTracking()
            .Where(r => r.ContainerNumber == canonical)
            .OrderByDescending(r => r.OccurredAt).Take(take)
            .Select(r => new ReadingView(r.DeviceId, r.ReadingId, r.Kind.ToString(), r.OccurredAt, r.ReceivedAt, r.Latitude, r.Longitude,
                r.Seal == null ? null : r.Seal.ToString(), r.SealNumber, r.DoorOpen, r.Value, r.SetPoint, r.BatteryPercent, r.Warnings, r.Evaluation.ToString()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }
}
