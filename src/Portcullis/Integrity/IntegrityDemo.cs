using Microsoft.EntityFrameworkCore;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Integrity.Geofences;
using Portcullis.Storage;

namespace Portcullis.Integrity;

/// <summary>
/// For `serve --demo`: the approximate demo zones of the five hubs are imported (so the map page
/// and the zone rules have something to work with), the monitor makes its first pass over the
/// stored events, and the demo supervisor takes on the oldest open alarm, as a supervisor would, so the demo shows the lifecycle and not only a list.
/// </summary>
public static class IntegrityDemo
{
    public sealed record Summary(int Zones, IReadOnlyDictionary<string, int> AlarmsByKind, string? Acknowledged);

    public const string Supervisor = "supervisor";

    /// <summary>docs/geofences/demo-zones.geojson, embedded so a published build has it too.</summary>
    public const string ZonesResource = "Portcullis.Integrity.demo-zones.geojson";

    public static async Task<Summary> SetUpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<Database>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using var db = database.CreateContext();
        var shapes = GeofenceGeoJson.Read(await ReadZonesAsync(cancellationToken));
        if (shapes.Error is not null)
        {
            throw new UserFacingException(shapes.Error);
        }

        var (imported, error) = await ImportGeofences.ApplyAsync(db, clock, "demo", null, null, shapes.Zones, _ => true, cancellationToken);
        if (error is not null)
        {
            throw new UserFacingException(error);
        }

        await db.SaveChangesAsync(cancellationToken);
        services.GetRequiredService<GeofenceCache>().Invalidate();
        // The monitor's first pass (the running server repeats it every Integrity:MonitorSeconds) so the summary counts its alarms.
        await services.GetRequiredService<IntegrityMonitor>().RunPassAsync(db, cancellationToken);

        var oldest = await db.IntegrityAlarms.Where(a => a.Status == AlarmStatus.Open).OrderBy(a => a.RaisedAt).ThenBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldest is not null)
        {
            oldest.Status = AlarmStatus.Acknowledged;
            oldest.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
            oldest.AcknowledgedBy = Supervisor;
            oldest.AcknowledgeNote = "Terminal called: the container is held at the gate and the Royal Marechaussee is on its way.";
            AuditLog.Record(db, clock, Supervisor, null, "alarm.acknowledge", $"container {oldest.ContainerNumber}", $"{oldest.Kind}: {oldest.AcknowledgeNote}");
        }

        await db.SaveChangesAsync(cancellationToken);
        var byKind = await db.IntegrityAlarms.GroupBy(a => a.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new Summary(imported!.Created + imported.Replaced, byKind.ToDictionary(k => k.Key.ToString(), k => k.Count), oldest?.ContainerNumber);
    }

    /// <summary>The demo zones' GeoJSON as built into the program.</summary>
    public static async Task<string> ReadZonesAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(IntegrityDemo).Assembly.GetManifestResourceStream(ZonesResource)
            ?? throw new InvalidOperationException($"The build lacks the embedded resource {ZonesResource}.");
        using var text = new StreamReader(stream);
        return await text.ReadToEndAsync(cancellationToken);
    }
}
