using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>REST: secure-lane alarms for the supervisors of a hub, newest first, and acknowledging one with a note.</summary>
public static class Alarms
{
    public sealed record AlarmView(Guid Id, string Hub, string ContainerNumber, string Kind, string Severity, DateTime RaisedAt, DateTime? EventAt, string Detail,
        DateTime? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgeNote, Guid SelectionId);

    public sealed record AcknowledgeRequest(string Note);

    public static async Task<Ok<IReadOnlyList<AlarmView>>> ListAsync(string? hub, bool? all, PortcullisDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var query = db.SecureLaneAlarms.AsNoTracking();
        if (all != true)
        {
            query = query.Where(a => a.AcknowledgedAt == null);
        }

        if (!string.IsNullOrWhiteSpace(hub))
        {
            var code = hub.ToUpperInvariant();
            query = query.Where(a => a.HubCode == code);
        }

        if (!user.AllHubs)
        {
            var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
            query = query.Where(a => hubs.Contains(a.HubCode));
        }

        var alarms = await query.OrderByDescending(a => a.RaisedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AlarmView>>([.. alarms.Where(a => user.CanSeeHub(a.HubCode)).Select(View)]);
    }

    public static async Task<Results<Ok<AlarmView>, ProblemHttpResult>> AcknowledgeAsync(Guid id, AcknowledgeRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var alarm = await db.SecureLaneAlarms.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alarm is null || !user.CanSeeHub(alarm.HubCode))
        {
            return TypedResults.Problem($"There is no alarm {id} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        if (string.IsNullOrWhiteSpace(request.Note))
        {
            return TypedResults.Problem("Say what was done about the alarm in a note.", statusCode: StatusCodes.Status400BadRequest, title: "Note missing.");
        }

        if (alarm.AcknowledgedAt is not null)
        {
            return TypedResults.Problem($"The alarm was already acknowledged by {alarm.AcknowledgedBy} at {alarm.AcknowledgedAt:yyyy-MM-dd HH:mm} UTC.", statusCode: StatusCodes.Status409Conflict, title: "Already acknowledged.");
        }

        alarm.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
        alarm.AcknowledgedBy = user.Name;
        alarm.AcknowledgeNote = request.Note.Trim();
        AuditLog.Record(db, clock, user, "alarm.acknowledge", $"container {alarm.ContainerNumber}", $"{alarm.Kind}: {alarm.AcknowledgeNote}");
        return TypedResults.Ok(View(alarm));
    }

    private static AlarmView View(SecureLaneAlarm a) => new(a.Id, a.HubCode, a.ContainerNumber, a.Kind.ToString(), "critical", a.RaisedAt, a.EventAt, a.Detail,
        a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeNote, a.SelectionId);
}
