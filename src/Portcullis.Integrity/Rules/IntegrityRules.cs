using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Geofences;

namespace Portcullis.Integrity.Rules;

/// <summary>
/// The rules engine: per-container state in memory, fed with observations in event-time order per
/// container. Not thread-safe: the monitor feeds it one batch at a time. Every rule is a small
/// static unit (<c>*Rule.cs</c>) that reads the state as it was before the observation; the engine
/// then updates the state.
/// </summary>
public sealed class IntegrityRules(RuleOptions options)
{
    private static readonly ZoneKind[] DeliveryZones = [ZoneKind.ConsigneeWarehouse, ZoneKind.Depot];
    private readonly Dictionary<string, ContainerTrack> tracks = new(StringComparer.Ordinal);

    public RuleOptions Options { get; } = options;

    public ZoneMap Zones { get; set; } = ZoneMap.Empty;

    public int TrackedContainers => tracks.Count;

    /// <summary>Evaluates a batch. Observations of one container are taken in event-time order.</summary>
    public List<AlarmCandidate> Observe(IEnumerable<Observation> batch, Func<string, ContainerContext> contextOf)
    {
        var alarms = new List<AlarmCandidate>();
        foreach (var group in batch.GroupBy(o => o.ContainerNumber, StringComparer.Ordinal))
        {
            var context = contextOf(group.Key);
            if (!tracks.TryGetValue(group.Key, out var track))
            {
                track = new ContainerTrack();
                tracks[group.Key] = track;
            }

            foreach (var o in group.OrderBy(o => o.At))
            {
                var input = new RuleInput(o, track, context, Zones, Options);
                Add(alarms, DoorOutsideZoneRule.Check(input));
                Add(alarms, SealMismatchRule.Check(input));
                Add(alarms, SealTamperedRule.Check(input));
                Add(alarms, SecuredAreaExitRule.Check(input));
                Add(alarms, UnplannedStopRule.Check(input));
                Add(alarms, ReeferTamperingRule.Check(input));
                Add(alarms, YardRevisitRule.Check(input));
                Update(track, o);
            }
        }

        return alarms;
    }

    /// <summary>The timed rules (silence), and forgetting containers not seen for long.</summary>
    public List<AlarmCandidate> Tick(DateTime now, Func<string, ContainerContext?> contextOf)
    {
        var alarms = new List<AlarmCandidate>();
        List<string>? forget = null;
        foreach (var (container, track) in tracks)
        {
            if (now - track.LastSeenAt > Options.ForgetAfter)
            {
                (forget ??= []).Add(container);
            }
            else if (track.Devices.Count > 0)
            {
                // Only containers with a device can go quiet; most containers are known from events alone.
                alarms.AddRange(GoneQuietRule.Check(container, track, contextOf(container), now, Options));
            }
        }

        foreach (var container in forget ?? [])
        {
            tracks.Remove(container);
        }

        return alarms;
    }

    private static void Add(List<AlarmCandidate> alarms, AlarmCandidate? alarm)
    {
        if (alarm is not null)
        {
            alarms.Add(alarm);
        }
    }

    private void Update(ContainerTrack track, Observation o)
    {
        if (o.At > track.LastSeenAt)
        {
            track.LastSeenAt = o.At;
        }

        if (o.DeviceId is { } device && (!track.Devices.TryGetValue(device, out var seen) || seen.At < o.At))
        {
            track.Devices[device] = (o.At, false);
        }

        switch (o.Kind)
        {
            case ObservationKind.Load:
                track.AtSea = true;
                track.OnRoad = false;
                break;
            case ObservationKind.Discharge:
                track.AtSea = false;
                track.LastDischarge = (o.Place ?? "", o.At, o.Evidence);
                break;
            case ObservationKind.GateOut:
                track.OnRoad = true;
                track.StopAnchor = null;
                break;
            case ObservationKind.GateIn:
                track.OnRoad = false;
                break;
            case ObservationKind.YardMove when o.Facility is { Length: > 0 } position:
                Append(track.YardVisits, new ContainerTrack.Visit(position, o.At, o.Evidence));
                break;
            case ObservationKind.SealChanged when o.SealNumber is { Length: > 0 } seal:
                track.ReportedSeals.Add(SealMismatchRule.Normalise(seal));
                break;
            case ObservationKind.DoorOpened:
                Append(track.DoorEvents, (o.At, o.Evidence));
                var p = new RuleInput(o, track, new ContainerContext(o.ContainerNumber), Zones, Options).Where(Options.DoorFixMaxAge);
                if (p is { } q && Zones.Covering(q.Latitude, q.Longitude, Options.Fence.BandMetres) is { } zone && DeliveryZones.Contains(zone.Kind))
                {
                    track.Delivered = true;
                }

                break;
        }

        if (o.HasFix && (track.LastFix is null || track.LastFix.At <= o.At))
        {
            track.LastFix = new ContainerTrack.Fix(o.Latitude!.Value, o.Longitude!.Value, o.At, o.Evidence);
        }
    }

    private static void Append<T>(List<T> list, T item)
    {
        list.Add(item);
        if (list.Count > ContainerTrack.MaxHistory)
        {
            list.RemoveAt(0);
        }
    }
}
