using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Storage;
using static Portcullis.Integrity.ListAlarms;

namespace Portcullis.Integrity;

/// <summary>
/// REST: a supervisor of the alarm's hub closes it with what it turned out to be (true alarm, false
/// alarm, explained: what the rules' precision is measured on) and a note; audited. An alarm
/// resolved as false or explained stops weighing on the container's risk score.
/// </summary>
public static class ResolveAlarm
{
    public sealed record ResolveRequest(string? Resolution, string? Note);

    public static async Task<Results<Ok<AlarmView>, ProblemHttpResult>> ResolveAsync(Guid id, ResolveRequest request, PortcullisDb db, HttpContext context, TimeProvider clock, IntegrityOptions options, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User)!;
        var result = await RunAsync(db, clock, options.Alarms, user, id, request, cancellationToken);
        return result.Value is { } alarm ? TypedResults.Ok(View(alarm)) : result.Refusal!.ToProblem("The alarm cannot be resolved.");
    }

    public static async Task<Outcome<IntegrityAlarm>> RunAsync(PortcullisDb db, TimeProvider clock, AlarmPolicy policy, CurrentUser user, Guid id, ResolveRequest request, CancellationToken cancellationToken)
    {
        var alarm = await db.IntegrityAlarms.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alarm is null || !user.CanSeeHub(alarm.HubCode))
        {
            return Refusal.NotFound($"There is no alarm {id} in your hubs.");
        }

        if (ParseResolution(request.Resolution) is not { } resolution)
        {
            return Refusal.Invalid($"Resolution '{Echo.Of(request.Resolution)}' is not known; use true-alarm, false-alarm or explained.");
        }

        if (string.IsNullOrWhiteSpace(request.Note))
        {
            return Refusal.Invalid("Say what was found in a note; the note is what the next supervisor reads.");
        }

        if (alarm.Status == AlarmStatus.Resolved)
        {
            return Refusal.Conflict($"The alarm was already resolved by {alarm.ResolvedBy} at {alarm.ResolvedAt:yyyy-MM-dd HH:mm} UTC as {Name(alarm.Resolution)}.");
        }

        alarm.Status = AlarmStatus.Resolved;
        alarm.Resolution = resolution;
        alarm.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        alarm.ResolvedBy = user.Name;
        alarm.ResolveNote = request.Note.Trim();
        AuditLog.Record(db, clock, user, "alarm.resolve", $"container {alarm.ContainerNumber}", $"{alarm.Kind} {alarm.Id} as {Name(resolution)}: {alarm.ResolveNote}");
        await AlarmRisk.ApplyAsync(db, [alarm.ContainerNumber], policy, cancellationToken);
        return alarm;
    }

    public static AlarmResolution? ParseResolution(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true-alarm" or "true" => AlarmResolution.TrueAlarm,
        "false-alarm" or "false" => AlarmResolution.FalseAlarm,
        "explained" => AlarmResolution.Explained,
        _ => null,
    };

    public static string Name(AlarmResolution? resolution) => resolution switch
    {
        AlarmResolution.TrueAlarm => "true-alarm",
        AlarmResolution.FalseAlarm => "false-alarm",
        AlarmResolution.Explained => "explained",
        _ => "",
    };
}
