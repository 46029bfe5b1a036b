using Portcullis.Domain.Cargo;
using Portcullis.Ingest.Edifact.CodeLists;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>
/// COARRI (load/discharge report, SMDG 2.0) and CODECO (gate-in/gate-out report, SMDG 2.0): one
/// event per EQD group, typed by BGM 1001, timed by DTM 203 (COARRI execution) or 7 (CODECO
/// effective), placed by the group's LOC or else the message-level one, with SEL seals and, in
/// CODECO, the inland mode from TDT 8067. The source is the interchange sender.
/// </summary>
internal static class EventReportMapping
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "RFF", "NAD", "CTA", "FTX", "MEA", "TMP", "DIM", "GDS", "TMD", "EQA", "DGS", "CNT", "HAN", "PIA", "COD", "PCD", "EQN", "GID", "TPL",
    };

    public static EventReportDocument Read(EdifactMessage message, bool gate)
    {
        ArgumentNullException.ThrowIfNull(message);
        var context = new MappingContext(message);
        var kind = gate ? "codeco" : "coarri";
        ContainerEventType? type = null;
        EdifactSegment? bgm = null;
        string? voyage = null;
        string? mode = null;
        var messagePlaces = new List<Place>();
        var groups = new List<Group>();
        Group? group = null;
        foreach (var s in message.Segments)
        {
            switch (s.Tag)
            {
                case "BGM":
                    bgm = s;
                    type = EventType(s, gate, context);
                    break;
                case "TDT":
                    var inland = InlandMode(s.Get(2));
                    if (group is not null)
                    {
                        group.Mode = inland ?? group.Mode;
                        group.Voyage = MappingContext.NullIfEmpty(s.Get(1)) ?? group.Voyage;
                    }
                    else
                    {
                        mode = inland ?? mode;
                        voyage ??= MappingContext.NullIfEmpty(s.Get(1));
                    }

                    break;
                case "LOC" when s.Get(0) == "147":
                    break;
                case "LOC":
                    if (context.Location(s) is { IsEmpty: false } place)
                    {
                        (group?.Places ?? messagePlaces).Add(new Place(s.Get(0), place, MappingContext.Facility(s)));
                    }

                    break;
                case "DTM" when group is not null && s.Get(0) is "203" or "7" or "178" or "186":
                    group.At = context.Date(s) ?? group.At;
                    group.Dtm = s;
                    break;
                case "DTM":
                    break;
                case "EQD":
                    group = new Group(s, s.Get(0) == "CN" ? context.ContainerNumberOf(s) : null);
                    if (group.Container is null)
                    {
                        context.Warn($"{kind}.not-a-container", $"EQD qualifier {EdifactCodes.EquipmentQualifier.Describe(s.Get(0))} is not a container (CN) and was ignored.", s);
                    }

                    groups.Add(group);
                    break;
                case "SEL" when group is not null:
                    group.Seal ??= MappingContext.NullIfEmpty(s.Get(0));
                    break;
                default:
                    if (!Ignored.Contains(s.Tag))
                    {
                        context.UnknownSegment(s);
                    }

                    break;
            }
        }

        if (bgm is null || type is null)
        {
            throw MappingContext.Reject($"{kind}.missing-bgm", $"The {message.Type} has no BGM segment; send BGM with the report type right after UNH.", context.MessageStart);
        }

        var events = new List<ContainerEventRecord>(groups.Count);
        foreach (var g in groups)
        {
            if (g.Container is null)
            {
                continue;
            }

            // An event that cannot be placed on a timeline or a map is no use to anyone: that event is
            // skipped with a warning, and the rest of the message still lands.
            if (g.At is not { } at)
            {
                context.Warn($"{kind}.missing-time", $"Container {g.Container} has no readable event time, so its event was skipped; send DTM+{(gate ? "7" : "203")} with format 203 in its EQD group.", g.Dtm ?? g.Eqd);
                continue;
            }

            if (PlaceOf(type.Value, g.Places, messagePlaces) is not { } place)
            {
                context.Warn($"{kind}.missing-place", $"Container {g.Container} has no place, so its event was skipped; send a LOC with the UN/LOCODE in its EQD group or for the whole message.", g.Eqd);
                continue;
            }

            events.Add(new ContainerEventRecord(
                EventId: null, g.Container, type.Value, at, place.Where.LocodeOrEmpty, place.Facility, g.Seal, message.Interchange.Sender,
                g.Voyage ?? voyage, g.Mode ?? mode, Latitude: null, Longitude: null, place.Where.Text));
        }

        return new EventReportDocument(message.Reference, message.Type, events, context.Warnings);
    }

    /// <summary>
    /// Where the event happened. An EQD group's LOC 9 and 11 are the container's ports of loading
    /// and discharge, so a discharge happens at its LOC 11, a load at its LOC 9 and a gate move at
    /// LOC 165; without those the message-level place (the terminal's port) serves.
    /// </summary>
    private static Place? PlaceOf(ContainerEventType type, List<Place> group, List<Place> message)
    {
        string[] wanted = type switch
        {
            ContainerEventType.Discharge => ["11", "12"],
            ContainerEventType.Load => ["9", "5"],
            _ => ["165"],
        };
        return group.Find(p => wanted.Contains(p.Qualifier))
            ?? message.Find(p => wanted.Contains(p.Qualifier))
            ?? (message.Count > 0 ? message[0] : null)
            ?? (group.Count > 0 && type is ContainerEventType.GateIn or ContainerEventType.GateOut ? group[0] : null);
    }

    private sealed record Place(string Qualifier, MappingContext.Place Where, string? Facility);

    /// <summary>
    /// BGM 1001 decides what every event of the message is. COARRI: 98 and 119 (UNCL 1001 "transport
    /// discharge report") and 44 (SMDG's older discharge code) are discharges; 270 and 122 ("transport
    /// loading report") and 46 (SMDG's older loading code) are loads. CODECO: 34 gate-in, 36 gate-out
    /// (SMDG). Any other code leaves the events without a type, so the message is rejected.
    /// </summary>
    private static ContainerEventType EventType(EdifactSegment s, bool gate, MappingContext context)
    {
        var code = s.Get(0);
        ContainerEventType? type = (gate, code) switch
        {
            (false, "98" or "44" or "119") => ContainerEventType.Discharge,
            (false, "270" or "46" or "122") => ContainerEventType.Load,
            (true, "34") => ContainerEventType.GateIn,
            (true, "36") => ContainerEventType.GateOut,
            _ => null,
        };
        if (type is { } known)
        {
            if (code is "119" or "122")
            {
                context.Warn(gate ? "codeco.unusual-report-type" : "coarri.unusual-report-type", $"BGM document code {EdifactCodes.DocumentName.Describe(code)} was read as a {(known == ContainerEventType.Load ? "loading" : "discharge")} report; SMDG's COARRI uses 270 (loading) and 98 (discharge).", s);
            }

            return known;
        }

        throw gate
            ? MappingContext.Reject("codeco.bad-report-type", $"BGM document code {EdifactCodes.DocumentName.Describe(code)} does not say whether the containers went in or out; use 34 (gate-in report) or 36 (gate-out report).", s)
            : MappingContext.Reject("coarri.bad-report-type", $"BGM document code {EdifactCodes.DocumentName.Describe(code)} does not say whether the containers were loaded or discharged; use 270 (loading report) or 98 (discharge report).", s);
    }

    /// <summary>UNCL 8067 for the inland leg: 2 rail, 3 road, 8 inland water (barge).</summary>
    private static string? InlandMode(string code) => code switch
    {
        "2" => "rail",
        "3" => "road",
        "8" => "barge",
        _ => null,
    };

    private sealed class Group(EdifactSegment eqd, string? container)
    {
        public EdifactSegment Eqd { get; } = eqd;

        public string? Container { get; } = container;

        public DateTime? At { get; set; }

        public EdifactSegment? Dtm { get; set; }

        public List<Place> Places { get; } = [];

        public string? Seal { get; set; }

        public string? Voyage { get; set; }

        public string? Mode { get; set; }
    }
}

/// <summary>COARRI: containers loaded onto or discharged from a vessel.</summary>
public static class CoarriMapping
{
    public static EventReportDocument Read(EdifactMessage message) => EventReportMapping.Read(message, gate: false);
}

/// <summary>CODECO: containers through the terminal gate, in or out, with the inland mode.</summary>
public static class CodecoMapping
{
    public static EventReportDocument Read(EdifactMessage message) => EventReportMapping.Read(message, gate: true);
}
