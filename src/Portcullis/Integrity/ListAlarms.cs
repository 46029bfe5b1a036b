using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>REST: integrity alarms for the supervisors of a hub, newest first.</summary>
public static class ListAlarms
{
    public sealed record AlarmView(Guid Id, string Hub, string ContainerNumber, string Kind, string Severity, string Status, DateTime RaisedAt, DateTime? EventAt, string Detail,
        IReadOnlyList<string> Evidence, int Occurrences, DateTime? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgeNote, DateTime? ResolvedAt, string? ResolvedBy, string? ResolveNote, Guid? SelectionId);

    public static async Task<Ok<IReadOnlyList<AlarmView>>> ListAsync(string? hub, bool? all, PortcullisDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var query = db.IntegrityAlarms.AsNoTracking();
        if (all != true)
        {
            query = query.Where(a => a.Status != AlarmStatus.Resolved);
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

    public static AlarmView View(IntegrityAlarm a) => new(a.Id, a.HubCode, a.ContainerNumber, a.Kind.ToString(), a.Severity.ToString().ToLowerInvariant(), a.Status.ToString().ToLowerInvariant(),
        a.RaisedAt, a.EventAt, a.Detail, a.Evidence, a.Occurrences, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeNote, a.ResolvedAt, a.ResolvedBy, a.ResolveNote, a.SelectionId);
}
