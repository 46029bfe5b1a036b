using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// REST: a supervisor turns an alarm into a selection of its container (selection type "alarm",
/// the alarm as its reason), through the same function as a manual selection, so it takes a slot
/// and gets its secure-lane order the same way; audited on the alarm and on the selection.
/// </summary>
public static class SelectOnAlarm
{
    public sealed record SelectRequest(string? Note);

    public sealed record SelectedView(Guid AlarmId, Guid SelectionId, string Hub, string ContainerNumber, DateTime PlannedControlAt);

    public static async Task<Results<Created<SelectedView>, ProblemHttpResult>> SelectAsync(Guid id, SelectRequest? request, PortcullisDb db, HttpContext context, TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var alarm = await db.IntegrityAlarms.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alarm is null || !user.CanSeeHub(alarm.HubCode))
        {
            return Refusal.NotFound($"There is no alarm {id} in your hubs.").ToProblem("Not found.");
        }

        if (alarm.AlarmSelectionId is { } already)
        {
            return Refusal.Conflict($"The alarm already made selection {already}.").ToProblem("Already selected.");
        }

        if (string.IsNullOrEmpty(alarm.HubCode))
        {
            return Refusal.Conflict($"No hub is known for container {alarm.ContainerNumber} yet; select it by hand at the hub where it arrives.").ToProblem("No hub.");
        }

        var note = string.IsNullOrWhiteSpace(request?.Note) ? "" : " " + request.Note.Trim();
        var reason = $"Integrity alarm {alarm.Kind} ({alarm.Severity.ToString().ToLowerInvariant()}, {alarm.Id}): {alarm.Detail}{note}";
        var result = await ManualSelection.SelectAsync(db, clock, options, user.Name, user.OrganisationId, user.CanSeeHub,
            new ManualSelection.ManualRequest(alarm.HubCode, alarm.ContainerNumber, reason.Length > 900 ? reason[..900] + "…" : reason, "alarm", null), cancellationToken);
        if (result.Value is not { } selection)
        {
            return result.Refusal!.ToProblem("The container cannot be selected.");
        }

        // A reason cut to fit the column is English only: its phrase would say more than the API does.
        selection.WhyPhrase = reason.Length > 900 ? null : SelectionPhrases.Alarm(alarm, note);

        alarm.AlarmSelectionId = selection.Id;
        AuditLog.Record(db, clock, user, "alarm.select", $"container {alarm.ContainerNumber}", $"{alarm.Kind} {alarm.Id} became selection {selection.Id}");
        return TypedResults.Created($"/api/v1/selections/{selection.Id}", new SelectedView(alarm.Id, selection.Id, selection.HubCode, alarm.ContainerNumber, selection.PlannedControlAt));
    }
}
