using Portcullis.Integrity.Alarms;
using Portcullis.Integrity.Geofences;
using Portcullis.Integrity.Readings;
using Portcullis.Integrity.Rules;
using Portcullis.Tests.Components;
using static Portcullis.Tests.Integrity.GeofenceTests;

namespace Portcullis.Tests.Integrity;

/// <summary>Per rule: a scripted scenario that must alarm and a near miss that must not.</summary>
public sealed class IntegrityRulesTests
{
    private const string Box = "MSCU1234565";
    private static readonly DateTime T0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
    private static int next;

    private static IntegrityRules Engine(string kind = "secured-area") =>
        new(RuleOptions.Default) { Zones = new ZoneMap([Square(kind)]) };

    private static Observation Reading(ReadingKind kind, double minutes, (double Lat, double Lon)? at = null, SealState? seal = null,
        bool? door = null, double? setPoint = null, string? sealNumber = null, string device = "ACME:0001") =>
        Observation.From(new SensorReading(device, $"r{Interlocked.Increment(ref next)}", Box, kind, T0.AddMinutes(minutes), at?.Lat, at?.Lon,
            seal, sealNumber, door, SetPoint: setPoint))!;

    private static Observation Fix(double minutes, double metresInsideWest) => Reading(ReadingKind.Position, minutes, FromWestBorder(metresInsideWest));

    private static Observation Event(ObservationKind kind, double minutes, string? place = "NLRTM", string? facility = null, string? seal = null) =>
        new($"event:{Guid.NewGuid()}", Box, T0.AddMinutes(minutes), kind, SealNumber: seal, Place: place, Facility: facility);

    private static List<AlarmCandidate> Run(IntegrityRules engine, ContainerContext? context, params Observation[] observations) =>
        engine.Observe(observations, _ => context ?? new ContainerContext(Box, "RTM"));

    // In Dutch: every rule's detail is stored with its phrase, and the Dutch page says all of it in Dutch.

    [Fact]
    public void Every_rules_alarm_detail_reads_in_Dutch_without_English_template_text()
    {
        var stop = FromWestBorder(-5000);
        var ports = new ContainerContext(Box, "RTM", DeclaredPorts: ["CNSHA", "MAPTM", "NLRTM"]);
        var reefer = new ContainerContext(Box, "RTM", ReeferSetPoint: -18, ExpectedArrival: T0.AddHours(24));
        var quiet = Engine();
        Run(quiet, null, Reading(ReadingKind.Position, 0, FromWestBorder(-3000)));
        List<AlarmCandidate> alarms =
        [
            .. Run(Engine(), null, Reading(ReadingKind.Door, 10, FromWestBorder(-500), door: true)),
            .. Run(Engine(), null, Event(ObservationKind.Load, 0, "CNSHA"), Reading(ReadingKind.Seal, 600, seal: SealState.Opened)),
            .. Run(Engine(), new ContainerContext(Box, "RTM", ["ML-CN 123456"]), Event(ObservationKind.Discharge, 0, facility: "ECT Delta", seal: "ML-CN 999999")),
            .. Run(Engine(), new ContainerContext(Box, "RTM", ["ML-CN 123456"]), Event(ObservationKind.GateOut, 0, seal: "ML-CN 999999")),
            .. Run(Engine(), null, Reading(ReadingKind.Seal, 0, seal: SealState.Tampered)),
            .. Run(Engine(), new ContainerContext(Box, "RTM", UnderControl: true), Fix(0, 300), Fix(10, 250), Fix(20, -100), Fix(21, -150), Fix(23, -300), Fix(25, -500), Fix(40, -900)),
            .. Run(Engine("depot"), null, Event(ObservationKind.GateOut, 0), Reading(ReadingKind.Position, 30, stop), Reading(ReadingKind.Position, 160, stop)),
            .. Run(Engine(), ports, Event(ObservationKind.Discharge, 0, "MAPTM"), Event(ObservationKind.Load, 8 * 24 * 60, "MAPTM")),
            .. Run(Engine(), ports, Event(ObservationKind.Discharge, 0, "ESALG")),
            .. Run(Engine(), reefer, Reading(ReadingKind.ReeferSetPoint, 60, setPoint: -5.5)),
            .. Run(Engine(), reefer, Event(ObservationKind.Load, 0, "MAPTM"), Reading(ReadingKind.Door, 60, door: true)),
            .. quiet.Tick(T0.AddHours(7), _ => null),
            .. Run(Engine("terminal"), null, Event(ObservationKind.YardMove, 0, facility: "B12"), Event(ObservationKind.YardMove, 60, facility: "Q07"),
                Event(ObservationKind.DoorOpened, 90), Event(ObservationKind.YardMove, 120, facility: "B12")),
        ];

        Assert.Equal(Enum.GetValues<AlarmKind>().Where(k => k is AlarmKind.DoorOpenedOutsideZone or AlarmKind.SealMismatch or AlarmKind.SealTampered or AlarmKind.YardMove
            or AlarmKind.UnplannedStop or AlarmKind.ReeferTampering or AlarmKind.GoneQuiet or AlarmKind.YardRevisit).Order(), alarms.Select(a => a.Kind).Distinct().Order());
        var dutch = alarms.Select(a => PhraseAssert.SaidInDutch(Assert.IsType<Portcullis.Domain.Phrasing.Phrase>(a.Phrase), a.Reason)).ToList();
        // Numbers in the reader's format: "5,5 °C", not "5.5 °C".
        Assert.Contains(dutch, d => d.Contains("5,5 °C", StringComparison.Ordinal) && d.Contains("koelcontainer", StringComparison.Ordinal));
    }

    // Door opened outside an authorised zone or at sea.

    [Fact]
    public void Doors_opened_outside_every_zone_alarm_high_with_the_reading_as_evidence()
    {
        var door = Reading(ReadingKind.Door, 10, FromWestBorder(-500), door: true);
        var alarm = Assert.Single(Run(Engine(), null, door));
        Assert.Equal(AlarmKind.DoorOpenedOutsideZone, alarm.Kind);
        Assert.Equal(AlarmSeverity.High, alarm.Severity);
        Assert.Equal([door.Evidence], alarm.Evidence);
        Assert.Contains("outside every authorised zone", alarm.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Doors_opened_at_sea_without_a_fix_alarm_critical()
    {
        var alarm = Assert.Single(Run(Engine(), null, Event(ObservationKind.Load, 0, "CNSHA"), Reading(ReadingKind.Seal, 600, seal: SealState.Opened)));
        Assert.Equal(AlarmKind.DoorOpenedOutsideZone, alarm.Kind);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Contains("at sea", alarm.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_miss_doors_opened_just_outside_a_zone_within_the_gps_band_or_placed_by_a_recent_fix_inside()
    {
        Assert.Empty(Run(Engine("depot"), null, Reading(ReadingKind.Door, 10, FromWestBorder(-20), door: true)));
        Assert.Empty(Run(Engine("depot"), null, Fix(0, 300), Reading(ReadingKind.Door, 10, door: true)));
        // On land and nowhere known: cannot judge.
        Assert.Empty(Run(Engine("depot"), null, Reading(ReadingKind.Door, 10, door: true)));
    }

    // Seal mismatch.

    [Fact]
    public void A_seal_at_discharge_that_is_not_on_the_manifest_alarms_high()
    {
        var context = new ContainerContext(Box, "RTM", ["ML-CN 123456"]);
        var alarm = Assert.Single(Run(Engine(), context, Event(ObservationKind.Discharge, 0, facility: "ECT Delta", seal: "ML-CN 999999")));
        Assert.Equal(AlarmKind.SealMismatch, alarm.Kind);
        Assert.Equal(AlarmSeverity.High, alarm.Severity);
        Assert.Contains("ML-CN 999999", alarm.Reason, StringComparison.Ordinal);
        Assert.Contains("ML-CN 123456", alarm.Reason, StringComparison.Ordinal);
        Assert.Equal($"seal-mismatch:{Box}:MLCN999999", alarm.DedupKey);
    }

    [Fact]
    public void Near_miss_the_same_seal_written_differently_or_a_reported_change_or_no_manifest_seal()
    {
        var context = new ContainerContext(Box, "RTM", ["ML-CN 123456"]);
        Assert.Empty(Run(Engine(), context, Event(ObservationKind.GateOut, 0, seal: "mlcn123456")));
        Assert.Empty(Run(Engine(), context, Event(ObservationKind.SealChanged, 0, seal: "CUS 42"), Event(ObservationKind.GateOut, 60, seal: "CUS-42")));
        Assert.Empty(Run(Engine(), new ContainerContext(Box, "RTM"), Event(ObservationKind.GateOut, 0, seal: "XX 1")));
    }

    // Seal tampered.

    [Fact]
    public void An_eseal_reporting_tampering_alarms_once_per_day()
    {
        var engine = Engine();
        var alarms = Run(engine, null, Reading(ReadingKind.Seal, 0, seal: SealState.Tampered), Reading(ReadingKind.Seal, 30, seal: SealState.Tampered));
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms, a => Assert.Equal(AlarmKind.SealTampered, a.Kind));
        Assert.Equal(alarms[0].DedupKey, alarms[1].DedupKey);
    }

    [Fact]
    public void Near_miss_a_sealed_status_is_no_alarm()
    {
        Assert.Empty(Run(Engine(), null, Reading(ReadingKind.Seal, 0, seal: SealState.Sealed)));
    }

    // Leaving the secured area before the control closes.

    [Fact]
    public void A_controlled_container_leaving_the_secured_area_alarms_critical_once()
    {
        var context = new ContainerContext(Box, "RTM", UnderControl: true);
        var alarms = Run(Engine(), context, Fix(0, 300), Fix(10, 250), Fix(20, -100), Fix(21, -150), Fix(23, -300), Fix(25, -500), Fix(40, -900));
        var alarm = Assert.Single(alarms);
        Assert.Equal(AlarmKind.YardMove, alarm.Kind);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal(T0.AddMinutes(20), alarm.EventAt);
        Assert.Equal("RTM", alarm.HubCode);
    }

    [Fact]
    public void Near_miss_gps_jitter_at_the_fence_or_a_container_not_under_control()
    {
        var context = new ContainerContext(Box, "RTM", UnderControl: true);
        var jitter = new[] { 15.0, -12, 28, -25, 5, -29, 10, -20 }.Select((m, i) => Fix(i + 1, m));
        Assert.Empty(Run(Engine(), context, [Fix(0, 300), .. jitter]));
        Assert.Empty(Run(Engine(), new ContainerContext(Box, "RTM"), Fix(0, 300), Fix(20, -100), Fix(21, -150), Fix(23, -300), Fix(25, -500)));
    }

    // Unplanned stop.

    [Fact]
    public void Standing_still_on_the_road_outside_every_zone_for_over_two_hours_alarms_medium()
    {
        var stop = FromWestBorder(-5000);
        var alarm = Assert.Single(Run(Engine("depot"), null, Event(ObservationKind.GateOut, 0),
            Reading(ReadingKind.Position, 30, stop), Reading(ReadingKind.Position, 90, (stop.Lat + 50 * MetreLat, stop.Lon)), Reading(ReadingKind.Position, 160, stop)));
        Assert.Equal(AlarmKind.UnplannedStop, alarm.Kind);
        Assert.Equal(AlarmSeverity.Medium, alarm.Severity);
        Assert.Equal(T0.AddMinutes(30), alarm.EventAt);
    }

    [Fact]
    public void Waiting_in_a_transshipment_port_beyond_the_norm_or_an_undeclared_port_alarms()
    {
        var context = new ContainerContext(Box, "RTM", DeclaredPorts: ["CNSHA", "MAPTM", "NLRTM"]);
        var dwell = Assert.Single(Run(Engine(), context, Event(ObservationKind.Discharge, 0, "MAPTM"), Event(ObservationKind.Load, 8 * 24 * 60, "MAPTM")));
        Assert.Equal(AlarmKind.UnplannedStop, dwell.Kind);
        Assert.Contains("MAPTM", dwell.Reason, StringComparison.Ordinal);
        var port = Assert.Single(Run(Engine(), context, Event(ObservationKind.Discharge, 0, "ESALG")));
        Assert.Contains("not on its declared route", port.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_miss_a_short_rest_a_stop_in_a_zone_or_a_normal_transshipment()
    {
        var stop = FromWestBorder(-5000);
        Assert.Empty(Run(Engine("depot"), null, Event(ObservationKind.GateOut, 0), Reading(ReadingKind.Position, 30, stop), Reading(ReadingKind.Position, 140, stop)));
        Assert.Empty(Run(Engine("depot"), null, Event(ObservationKind.GateOut, 0), Fix(30, 300), Fix(400, 300)));
        var context = new ContainerContext(Box, "RTM", DeclaredPorts: ["CNSHA", "MAPTM", "NLRTM"]);
        Assert.Empty(Run(Engine(), context, Event(ObservationKind.Discharge, 0, "MAPTM"), Event(ObservationKind.Load, 3 * 24 * 60, "MAPTM")));
    }

    // Reefer tampering.

    [Fact]
    public void A_reefer_set_point_changed_or_its_doors_opened_shortly_before_arrival_alarms_high()
    {
        var context = new ContainerContext(Box, "RTM", ReeferSetPoint: -18, ExpectedArrival: T0.AddHours(24));
        var set = Assert.Single(Run(Engine(), context, Reading(ReadingKind.ReeferSetPoint, 60, setPoint: -5)));
        Assert.Equal(AlarmKind.ReeferTampering, set.Kind);
        Assert.Equal(AlarmSeverity.High, set.Severity);
        var door = Assert.Single(Run(Engine(), context, Event(ObservationKind.Load, 0, "MAPTM"), Reading(ReadingKind.Door, 60, door: true)));
        Assert.Equal(AlarmKind.ReeferTampering, door.Kind);
    }

    [Fact]
    public void Near_miss_a_small_correction_or_a_change_long_before_arrival()
    {
        var context = new ContainerContext(Box, "RTM", ReeferSetPoint: -18, ExpectedArrival: T0.AddHours(24));
        Assert.Empty(Run(Engine(), context, Reading(ReadingKind.ReeferSetPoint, 60, setPoint: -17.5)));
        var early = context with { ExpectedArrival = T0.AddDays(10) };
        Assert.Empty(Run(Engine(), early, Reading(ReadingKind.ReeferSetPoint, 60, setPoint: -5)));
    }

    // Gone quiet.

    [Fact]
    public void A_device_silent_beyond_its_norm_alarms_medium_once()
    {
        var engine = Engine();
        Run(engine, null, Reading(ReadingKind.Position, 0, FromWestBorder(-3000)));
        Assert.Empty(engine.Tick(T0.AddHours(5), _ => null));
        var alarm = Assert.Single(engine.Tick(T0.AddHours(7), _ => null));
        Assert.Equal(AlarmKind.GoneQuiet, alarm.Kind);
        Assert.Equal(AlarmSeverity.Medium, alarm.Severity);
        Assert.Empty(engine.Tick(T0.AddHours(8), _ => null));
    }

    [Fact]
    public void Near_miss_a_seal_removed_at_the_consignee_goes_quiet_without_alarm()
    {
        var engine = Engine("consignee-warehouse");
        Run(engine, null, Fix(0, 300), Reading(ReadingKind.Seal, 10, seal: SealState.Opened));
        Assert.Empty(engine.Tick(T0.AddHours(30), _ => null));
    }

    // Yard revisit.

    [Fact]
    public void A_yard_position_visited_twice_with_a_door_event_between_alarms_high()
    {
        var first = Event(ObservationKind.YardMove, 0, facility: "B12-04-3");
        var door = Event(ObservationKind.DoorOpened, 90);
        var alarm = Assert.Single(Run(Engine("terminal"), null, first, Event(ObservationKind.YardMove, 60, facility: "Q07-01-1"), door, Event(ObservationKind.YardMove, 120, facility: "b12-04-3")));
        Assert.Equal(AlarmKind.YardRevisit, alarm.Kind);
        Assert.Equal(AlarmSeverity.High, alarm.Severity);
        Assert.Contains(first.Evidence, alarm.Evidence);
        Assert.Contains(door.Evidence, alarm.Evidence);
    }

    [Fact]
    public void Near_miss_a_revisit_without_a_door_event_or_a_door_event_before_the_first_visit()
    {
        Assert.Empty(Run(Engine("terminal"), null, Event(ObservationKind.YardMove, 0, facility: "B12"), Event(ObservationKind.YardMove, 60, facility: "Q07"), Event(ObservationKind.YardMove, 120, facility: "B12")));
        Assert.Empty(Run(Engine("terminal"), null, Event(ObservationKind.DoorOpened, -10), Event(ObservationKind.YardMove, 0, facility: "B12"), Event(ObservationKind.YardMove, 60, facility: "Q07"), Event(ObservationKind.YardMove, 120, facility: "B12")));
    }
}
