using Portcullis.Domain.Cargo;
using Portcullis.Integrity.Readings;

namespace Portcullis.Simulator;

/// <summary>A day's seal and sensor readings, the extra container events they go with, and the ground truth of the incidents played.</summary>
public sealed record SimulatedSensors(IReadOnlyList<SensorReading> Readings, IReadOnlyList<ContainerEvent> Events, IReadOnlyList<IntegrityIncident> Incidents);

/// <summary>
/// E-seals and sensors on a share of the import containers discharged at Rotterdam, and the
/// incidents the integrity rules must catch (or, for decoys, must not). Positions use the
/// approximate demo zones of docs/geofences/demo-zones.geojson (ECT Delta terminal, the Moerdijk
/// distribution centre). A sensor trip runs on its own timeline from the discharge: hours in the
/// terminal yard, a gate-out it reports itself, the road to the consignee and the doors opened
/// there. Deterministic by seed and day.
/// </summary>
public static class SensorTraffic
{
    /// <summary>Share of import containers with an e-seal and a GPS tracker (shipping lines fit them on high-value and reefer trades).</summary>
    public const double EquippedShare = 0.2;

    public const string Source = "simulator-sensors";

    // Rates per equipped container; each container plays at most one incident.
    private static readonly (string Kind, string? Expected, double Rate, bool ReeferOnly)[] Incidents =
    [
        ("rip-off-door-outside", "DoorOpenedOutsideZone", 0.03, false),
        ("unplanned-stop", "UnplannedStop", 0.02, false),
        ("seal-tampered", "SealTampered", 0.02, false),
        ("gone-quiet", "GoneQuiet", 0.02, false),
        ("yard-revisit", "YardRevisit", 0.02, false),
        ("reefer-opened", "ReeferTampering", 0.06, true),
        ("reefer-setpoint", "ReeferTampering", 0.04, true),
        ("benign-gps-jitter", null, 0.05, false),
    ];

    // The ECT Delta yard west of its inner service area, the gate, the Moerdijk distribution centre, a lay-by on the A15 and the North Sea approach.
    private static readonly (double Lat, double Lon) YardSouthWest = (51.957, 4.007);
    private static readonly (double Lat, double Lon) YardNorthEast = (51.973, 4.018);
    private static readonly (double Lat, double Lon) Gate = (51.960, 4.044);
    private static readonly (double Lat, double Lon) Warehouse = (51.680, 4.635);
    private static readonly (double Lat, double Lon) LayBy = (51.830, 4.310);
    private static readonly (double Lat, double Lon) AtSea = (52.100, 3.600);

    // A point on the ECT Delta terminal's south fence (latitude 51.955) with nothing authorised south of it.
    private static readonly (double Lat, double Lon) SouthFence = (51.955, 4.030);
    private const double MetreLat = 1 / 111_320.0;
    private const double MetreLon = 1 / 68_560.0;

    public static SimulatedSensors Generate(SimulatedDay day, int seed)
    {
        // HashCode.Combine is randomised per process; the run must be the same every time.
        var rng = new Random(unchecked((seed * 397) ^ (day.Date.DayNumber * 14)));
        var readings = new List<SensorReading>();
        var events = new List<ContainerEvent>();
        var incidents = new List<IntegrityIncident>();
        var reefers = day.Consignments.SelectMany(c => c.Equipment).Where(e => e.ReeferSetpointC is not null).Select(e => e.ContainerNumber).ToHashSet(StringComparer.Ordinal);
        foreach (var discharge in day.Events.Where(e => e.Type == ContainerEventType.Discharge && e.UnLocode == "NLRTM").OrderBy(e => e.OccurredAt).ThenBy(e => e.ContainerNumber, StringComparer.Ordinal))
        {
            if (rng.NextDouble() >= EquippedShare)
            {
                continue;
            }

            var trip = new Trip(rng, discharge.ContainerNumber, $"SIMSEAL:{discharge.ContainerNumber[..4]}{rng.Next(1_000_000):D6}", readings, events);
            var incident = PickIncident(rng, reefers.Contains(discharge.ContainerNumber));
            incidents.AddRange(trip.Play(discharge, incident));
        }

        return new SimulatedSensors(readings, events, incidents);
    }

    private static string? PickIncident(Random rng, bool reefer)
    {
        var draw = rng.NextDouble();
        foreach (var (kind, _, rate, reeferOnly) in Incidents)
        {
            if (reeferOnly && !reefer)
            {
                continue;
            }

            if (draw < rate)
            {
                return kind;
            }

            draw -= rate;
        }

        return null;
    }

    private sealed class Trip(Random rng, string container, string device, List<SensorReading> readings, List<ContainerEvent> events)
    {
        private int sequence;

        public IEnumerable<IntegrityIncident> Play(ContainerEvent discharge, string? incident)
        {
            var d = discharge.OccurredAt;
            var found = new List<IntegrityIncident>();
            if (incident is "reefer-opened")
            {
                var at = d.AddHours(-20 - rng.NextDouble() * 10);
                Read(ReadingKind.Door, at, Jitter(AtSea, 500), door: true);
                Approach(at, d);
                found.Add(Incident(incident, at, at, "The doors of a reefer were opened at sea on the approach (rip-on/rip-off in the reefer machinery)."));
            }
            else if (incident is "reefer-setpoint")
            {
                var at = d.AddHours(-30 - rng.NextDouble() * 10);
                Read(ReadingKind.ReeferSetPoint, at, Jitter(AtSea, 500), setPoint: 12);
                Approach(at, d);
                found.Add(Incident(incident, at, at, "A reefer's set point was raised to 12 °C on the approach, so hands can work in the cargo."));
            }

            // In the yard: a fix every 30 minutes for 4 to 10 hours.
            var yard = (rng.NextDouble() * (YardNorthEast.Lat - YardSouthWest.Lat) + YardSouthWest.Lat, rng.NextDouble() * (YardNorthEast.Lon - YardSouthWest.Lon) + YardSouthWest.Lon);
            var gateOut = d.AddHours(4 + rng.NextDouble() * 6);
            Read(ReadingKind.Seal, d.AddMinutes(5), Jitter(yard, 10), seal: SealState.Sealed);
            for (var at = d.AddMinutes(30); at < gateOut; at = at.AddMinutes(30))
            {
                Read(ReadingKind.Position, at, Jitter(yard, 10));
            }

            if (incident is "seal-tampered")
            {
                var at = d.AddHours(2 + rng.NextDouble());
                Read(ReadingKind.Seal, at, Jitter(yard, 10), seal: SealState.Tampered);
                found.Add(Incident(incident, at, at, "The e-seal's wire was cut in the yard."));
            }
            else if (incident is "yard-revisit")
            {
                var block = $"B{rng.Next(10, 40)}-{rng.Next(1, 30):D2}";
                var quiet = $"Q{rng.Next(1, 9):D2}-{rng.Next(1, 20):D2}";
                Event(ContainerEventType.YardMove, d.AddMinutes(40), block);
                Event(ContainerEventType.YardMove, d.AddMinutes(100), quiet);
                Event(ContainerEventType.DoorOpened, d.AddMinutes(130), quiet);
                Event(ContainerEventType.YardMove, d.AddMinutes(170), block);
                found.Add(Incident(incident, d.AddMinutes(100), d.AddMinutes(170), "Moved to a quiet corner of the yard, opened there and put back (rip-off in the terminal)."));
            }
            else if (incident is "benign-gps-jitter")
            {
                // Parked on the south fence for a customs look: fixes scatter 25 m either side, the doors are opened on the fence.
                for (var at = d.AddMinutes(35); at < gateOut; at = at.AddMinutes(7))
                {
                    Read(ReadingKind.Position, at, (SouthFence.Lat + (rng.NextDouble() * 50 - 25) * MetreLat, SouthFence.Lon));
                }

                var open = d.AddHours(2);
                Read(ReadingKind.Door, open, (SouthFence.Lat - 20 * MetreLat, SouthFence.Lon), door: true);
                Read(ReadingKind.Door, open.AddMinutes(20), (SouthFence.Lat + 5 * MetreLat, SouthFence.Lon), door: false);
                found.Add(Incident(incident, d, gateOut, "GPS scatter across the terminal fence while parked, doors opened on the fence: no alarm is due."));
            }

            Event(ContainerEventType.GateOut, gateOut, "ECT Delta gate");
            Read(ReadingKind.Position, gateOut.AddMinutes(1), Jitter(Gate, 10));

            // The road: a fix every 20 minutes, about 90 minutes to Moerdijk.
            var at2 = gateOut;
            for (var step = 1; step <= 4; step++)
            {
                at2 = at2.AddMinutes(20);
                var f = step / 5.0;
                var here = (Gate.Lat + (Warehouse.Lat - Gate.Lat) * f, Gate.Lon + (Warehouse.Lon - Gate.Lon) * f);
                Read(ReadingKind.Position, at2, Jitter(here, 15));
                if (step == 2 && incident is "gone-quiet")
                {
                    found.Add(Incident(incident, at2, at2.AddHours(12), "The tracker fell silent on the road and never reported again (shielded or cut off)."));
                    return found;
                }

                if (step == 2 && incident is "rip-off-door-outside")
                {
                    at2 = at2.AddMinutes(10);
                    Read(ReadingKind.Position, at2, Jitter(LayBy, 10));
                    Read(ReadingKind.Door, at2.AddMinutes(5), Jitter(LayBy, 10), door: true);
                    Read(ReadingKind.Door, at2.AddMinutes(25), Jitter(LayBy, 10), door: false);
                    found.Add(Incident(incident, at2, at2.AddMinutes(25), "The doors were opened at a lay-by on the way to the consignee (rip-off)."));
                    at2 = at2.AddMinutes(30);
                }

                if (step == 2 && incident is "unplanned-stop")
                {
                    var stop = at2.AddMinutes(5);
                    for (var s = 0; s <= 9; s++)
                    {
                        Read(ReadingKind.Position, stop.AddMinutes(20 * s), Jitter(LayBy, 15));
                    }

                    found.Add(Incident(incident, stop, stop.AddHours(3), "The truck stood three hours at a lay-by outside every authorised zone."));
                    at2 = stop.AddHours(3);
                }
            }

            // At the consignee: inside its zone, the doors are opened and the seal removed.
            var arrival = at2.AddMinutes(20);
            Read(ReadingKind.Position, arrival, Jitter(Warehouse, 20));
            Read(ReadingKind.Seal, arrival.AddMinutes(15), Jitter(Warehouse, 20), seal: SealState.Opened);
            return found;
        }

        /// <summary>Hourly fixes over satellite on the way in, so the tracker does not seem to go quiet at sea.</summary>
        private void Approach(DateTime from, DateTime discharge)
        {
            var hours = (discharge - from).TotalHours;
            for (var h = 1; h < hours; h++)
            {
                var f = h / hours;
                Read(ReadingKind.Position, from.AddHours(h), (AtSea.Lat + (Gate.Lat - AtSea.Lat) * f, AtSea.Lon + (Gate.Lon - AtSea.Lon) * f));
            }
        }

        private IntegrityIncident Incident(string kind, DateTime from, DateTime to, string description) => new()
        {
            Id = Guid.CreateVersion7(),
            ContainerNumber = container,
            Kind = kind,
            From = from,
            To = to,
            ExpectedAlarm = Array.Find(Incidents, i => i.Kind == kind).Expected,
            Description = description,
        };

        private (double Lat, double Lon) Jitter((double Lat, double Lon) p, double metres) =>
            (p.Lat + (rng.NextDouble() * 2 - 1) * metres * MetreLat, p.Lon + (rng.NextDouble() * 2 - 1) * metres * MetreLon);

        private void Read(ReadingKind kind, DateTime at, (double Lat, double Lon) where, SealState? seal = null, bool? door = null, double? setPoint = null) =>
            readings.Add(new SensorReading(device, (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture), container, kind, at,
                Math.Round(where.Lat, 6), Math.Round(where.Lon, 6), seal, DoorOpen: door, SetPoint: setPoint, BatteryPercent: 90));

        private void Event(ContainerEventType type, DateTime at, string facility) => events.Add(new ContainerEvent
        {
            Id = Guid.CreateVersion7(),
            ContainerNumber = container,
            Type = type,
            OccurredAt = at,
            UnLocode = "NLRTM",
            Facility = facility,
            Source = Source,
        });
    }
}
