using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Hosting;
using Portcullis.Integrity.Alarms;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>REST: integrity alarms for the supervisors of a hub, newest first, filtered by hub, kind, severity, status and container.</summary>
public static class ListAlarms
{
    public sealed record AlarmView(Guid Id, string Hub, string ContainerNumber, string Kind, string Severity, string Status, DateTime RaisedAt, DateTime? EventAt, string Detail,
        IReadOnlyList<string> Evidence, int Occurrences, DateTime? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgeNote, DateTime? ResolvedAt, string? ResolvedBy, string? ResolveNote, Guid? SelectionId,
        string? Resolution = null, Guid? AlarmSelectionId = null, DateTime? LastSeenAt = null,
        [property: System.Text.Json.Serialization.JsonIgnore] Domain.Phrasing.Phrase? DetailPhrase = null);

    /// <summary>What a supervisor filters on; null is "any". Without a status, resolved alarms are left out unless <see cref="All"/>.</summary>
    public sealed record Filter(string? Hub = null, string? Kind = null, string? Severity = null, string? Status = null, string? Container = null, bool? All = null);

    public static async Task<Results<Ok<IReadOnlyList<AlarmView>>, ProblemHttpResult>> ListAsync(string? hub, string? kind, string? severity, string? status, string? container, bool? all,
        PortcullisDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var result = await QueryAsync(db, user, new Filter(hub, kind, severity, status, container, all), cancellationToken);
        return result.Value is { } alarms
            ? TypedResults.Ok<IReadOnlyList<AlarmView>>([.. alarms.Select(View)])
            : result.Refusal!.ToProblem("The filter is not valid.");
    }

    public static async Task<Results<Ok<AlarmView>, ProblemHttpResult>> GetAsync(Guid id, PortcullisDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var alarm = await db.IntegrityAlarms.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return alarm is not null && user.CanSeeHub(alarm.HubCode)
            ? TypedResults.Ok(View(alarm))
            : TypedResults.Problem($"There is no alarm {id} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
    }

    /// <summary>The alarms of the user's hubs that pass the filter, newest first, at most 500; the page calls it too.</summary>
    public static async Task<Outcome<List<IntegrityAlarm>>> QueryAsync(PortcullisDb db, CurrentUser user, Filter filter, CancellationToken cancellationToken)
    {
        var query = db.IntegrityAlarms.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            if (!Enum.TryParse<AlarmStatus>(filter.Status.Trim(), ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return Refusal.Invalid($"Status '{Echo.Of(filter.Status)}' is not known; use open, acknowledged or resolved.");
            }

            query = query.Where(a => a.Status == status);
        }
        else if (filter.All != true)
        {
            query = query.Where(a => a.Status != AlarmStatus.Resolved);
        }

        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            if (!Enum.TryParse<AlarmKind>(filter.Kind.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                return Refusal.Invalid($"Kind '{Echo.Of(filter.Kind)}' is not known; use one of {string.Join(", ", Enum.GetNames<AlarmKind>())}.");
            }

            query = query.Where(a => a.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Severity))
        {
            if (!Enum.TryParse<AlarmSeverity>(filter.Severity.Trim(), ignoreCase: true, out var severity) || !Enum.IsDefined(severity))
            {
                return Refusal.Invalid($"Severity '{Echo.Of(filter.Severity)}' is not known; use low, medium, high or critical.");
            }

            query = query.Where(a => a.Severity == severity);
        }

        if (!string.IsNullOrWhiteSpace(filter.Container))
        {
            var number = filter.Container.Trim().ToUpperInvariant();
            query = query.Where(a => a.ContainerNumber == number);
        }

        if (!string.IsNullOrWhiteSpace(filter.Hub))
        {
            var code = filter.Hub.Trim().ToUpperInvariant();
            query = query.Where(a => a.HubCode == code);
        }

        if (!user.AllHubs)
        {
            var hubs = user.Hubs.Select(h => h.ToUpperInvariant()).ToList();
            query = query.Where(a => hubs.Contains(a.HubCode));
        }

        var alarms = await query.OrderByDescending(a => a.RaisedAt).Take(500).ToListAsync(cancellationToken);
        return alarms.Where(a => user.CanSeeHub(a.HubCode)).ToList();
    }

    public static AlarmView View(IntegrityAlarm a) => new(a.Id, a.HubCode, a.ContainerNumber, a.Kind.ToString(), a.Severity.ToString().ToLowerInvariant(), a.Status.ToString().ToLowerInvariant(),
        a.RaisedAt, a.EventAt, a.Detail, a.Evidence, a.Occurrences, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeNote, a.ResolvedAt, a.ResolvedBy, a.ResolveNote, a.SelectionId,
        a.Resolution is null ? null : ResolveAlarm.Name(a.Resolution), a.AlarmSelectionId, a.LastSeenAt, a.DetailPhrase);
}
