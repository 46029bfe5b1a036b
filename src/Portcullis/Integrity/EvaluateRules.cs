using System.Diagnostics;
using Portcullis.Hosting;
using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Geofences;
using Portcullis.Integrity.Rules;
using Portcullis.Simulator;

namespace Portcullis.Integrity;

/// <summary>
/// The integrity rules against the simulator's ground truth: simulated days (cargo, container
/// events, e-seal and sensor readings) go through the rules engine in event-time order, an hour
/// at a time with the silence check after each hour, and every alarm is matched to the incidents
/// played. No database: this measures the rules, not the store. `portcullis integrity evaluate`.
/// </summary>
public static class EvaluateRules
{
    /// <summary>An alarm matches an incident of its kind on its container from an hour before it began to half a day after it ended.</summary>
    public static readonly TimeSpan Before = TimeSpan.FromHours(1);

    public static readonly TimeSpan After = TimeSpan.FromHours(12);

    public sealed record KindScore(string Kind, int Incidents, int Recalled, int Alarms, int TrueAlarms)
    {
        public double? Recall => Incidents == 0 ? null : (double)Recalled / Incidents;

        public double? Precision => Alarms == 0 ? null : (double)TrueAlarms / Alarms;
    }

    public sealed record Report(int Days, int Readings, int Events, int Incidents, int Decoys, int DecoysAlarmed, IReadOnlyList<KindScore> Kinds, double EngineReadingsPerSecond);

    public static Report Run(SimulationOptions options, ZoneMap zones, CancellationToken cancellationToken)
    {
        var engine = new IntegrityRules(RuleOptions.Default) { Zones = zones };
        var contexts = new Dictionary<string, ContainerContext>(StringComparer.Ordinal);
        var smuggled = new HashSet<string>(StringComparer.Ordinal);
        var incidents = new List<IntegrityIncident>();
        var alarms = new Dictionary<string, AlarmCandidate>(StringComparer.Ordinal);
        int readings = 0, events = 0;
        var engineTime = TimeSpan.Zero;
        var days = 0;
        var last = DateTime.MinValue;
        foreach (var day in new TrafficSimulator(options).Run(cancellationToken))
        {
            days++;
            var sensors = SensorTraffic.Generate(day, options.Seed);
            incidents.AddRange(sensors.Incidents);
            smuggled.UnionWith(day.GroundTruth.Where(g => g.ContainerNumber is not null).Select(g => g.ContainerNumber!));
            foreach (var c in day.Consignments.OrderBy(c => c.ArrivedAt))
            {
                foreach (var e in c.Equipment)
                {
                    contexts[e.ContainerNumber] = new ContainerContext(e.ContainerNumber, c.HubCode, e.SealNumbers, e.ReeferSetpointC, c.ArrivedAt, false,
                        [c.Route.PortOfLoading, .. c.Route.TransshipmentPorts, c.Route.PortOfDischarge]);
                }
            }

            var observations = day.Events.Concat(sensors.Events).Select(Observation.From)
                .Concat(sensors.Readings.Select(Observation.From).OfType<Observation>())
                .OrderBy(o => o.At).ToList();
            readings += sensors.Readings.Count;
            events += day.Events.Count + sensors.Events.Count;
            var clock = Stopwatch.StartNew();
            foreach (var hour in observations.GroupBy(o => new DateTime(o.At.Ticks - o.At.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc)).OrderBy(g => g.Key))
            {
                var raised = engine.Observe(hour, c => contexts.GetValueOrDefault(c) ?? new ContainerContext(c));
                raised.AddRange(engine.Tick(hour.Key.AddHours(1), c => contexts.GetValueOrDefault(c)));
                foreach (var alarm in raised)
                {
                    alarms.TryAdd(alarm.DedupKey, alarm);
                }
            }

            engineTime += clock.Elapsed;
            last = observations.Count > 0 ? observations[^1].At : last;
        }

        // Silence that began near the end is judged once its norm has passed, as the monitor would.
        foreach (var alarm in engine.Tick(last + engine.Options.QuietAfter + TimeSpan.FromHours(1), c => contexts.GetValueOrDefault(c)))
        {
            alarms.TryAdd(alarm.DedupKey, alarm);
        }

        var byContainer = incidents.ToLookup(i => i.ContainerNumber, StringComparer.Ordinal);
        bool Matches(AlarmCandidate a, IntegrityIncident i) =>
            i.ExpectedAlarm == a.Kind.ToString() && a.EventAt >= i.From - Before && a.EventAt <= i.To + After;

        var kinds = new List<KindScore>();
        foreach (var kind in Enum.GetValues<AlarmKind>())
        {
            var expected = incidents.Where(i => i.ExpectedAlarm == kind.ToString()).ToList();
            var raised = alarms.Values.Where(a => a.Kind == kind).ToList();
            if (expected.Count == 0 && raised.Count == 0)
            {
                continue;
            }

            var recalled = expected.Count(i => raised.Any(a => a.ContainerNumber == i.ContainerNumber && Matches(a, i)));
            // A seal mismatch is true when the box is one the simulator smuggled in (it records the case, not which seal it swapped).
            var trueAlarms = raised.Count(a => byContainer[a.ContainerNumber].Any(i => Matches(a, i)) || kind == AlarmKind.SealMismatch && smuggled.Contains(a.ContainerNumber));
            kinds.Add(new KindScore(kind.ToString(), expected.Count, recalled, raised.Count, trueAlarms));
        }

        var decoys = incidents.Where(i => i.ExpectedAlarm is null).ToList();
        var decoysAlarmed = decoys.Count(d => alarms.Values.Any(a => a.ContainerNumber == d.ContainerNumber && a.EventAt >= d.From && a.EventAt <= d.To));
        var perSecond = engineTime > TimeSpan.Zero ? (readings + events) / engineTime.TotalSeconds : 0;
        return new Report(days, readings, events, incidents.Count - decoys.Count, decoys.Count, decoysAlarmed, kinds, perSecond);
    }

    /// <summary>The demo zones as the simulator uses them (docs/geofences/demo-zones.geojson).</summary>
    public static ZoneMap ReadZones(string geoJson)
    {
        var shapes = GeofenceGeoJson.Read(geoJson);
        if (shapes.Error is not null)
        {
            throw new UserFacingException(shapes.Error);
        }

        return new ZoneMap([.. shapes.Zones.Select(z => new Zone(z.Name, z.Hub ?? "", z.Name, z.Kind, z.Area))]);
    }
}
