using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Storage;
using static Portcullis.Integrity.ListAlarms;

namespace Portcullis.Integrity;

/// <summary>REST: a supervisor of the alarm's hub takes it on, saying what is being done; audited.</summary>
public static class AcknowledgeAlarm
{
    public sealed record AcknowledgeRequest(string Note);

    public static async Task<Results<Ok<AlarmView>, ProblemHttpResult>> AcknowledgeAsync(Guid id, AcknowledgeRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var alarm = await db.IntegrityAlarms.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
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

        alarm.Status = AlarmStatus.Acknowledged;
        alarm.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
        alarm.AcknowledgedBy = user.Name;
        alarm.AcknowledgeNote = request.Note.Trim();
        AuditLog.Record(db, clock, user, "alarm.acknowledge", $"container {alarm.ContainerNumber}", $"{alarm.Kind}: {alarm.AcknowledgeNote}");
        return TypedResults.Ok(View(alarm));
    }
}
