using Portcullis.Domain.Cargo;
using Portcullis.Ingest.Edifact.CodeLists;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>
/// Reads a BAPLIE (bay plan, SMDG 2.1 on D.95B): the voyage from TDT with LOC 5 (departure) and
/// 61 (next port of call) and their DTMs, then one stowage record per LOC+147 group, which holds
/// the container's EQD, TMP, MEA and its ports of loading (LOC 9) and discharge (LOC 11).
/// </summary>
public static class BaplieMapping
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "BGM", "RFF", "NAD", "FTX", "GID", "GDS", "EQA", "NAT", "RNG", "DGS", "ATT", "DIM", "CNT", "HAN", "CTA", "PRC",
    };

    public static BayPlanDocument Read(EdifactMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var context = new MappingContext(message);
        (TransportMode Mode, string Carrier, string Voyage, string? MeansName, string? MeansId)? transport = null;
        var calls = new List<(MappingContext.Place Place, DateTime? Arrival, DateTime? Departure)>();
        var stowage = new List<Slot>();
        var sawBgm = false;
        Slot? slot = null;
        foreach (var s in message.Segments)
        {
            switch (s.Tag)
            {
                case "BGM":
                    sawBgm = true;
                    break;
                case "TDT" when transport is null:
                    transport = context.Transport(s, "baplie");
                    break;
                case "LOC" when s.Get(0) == "147":
                    var position = s.Get(1);
                    if (position.Length == 0)
                    {
                        throw MappingContext.Reject("baplie.missing-position", "LOC+147 gives no stowage position; send the bay-row-tier cell as BBBRRTT.", s);
                    }

                    slot = new Slot(s, position);
                    stowage.Add(slot);
                    break;
                case "LOC" when slot is null:
                    if (s.Get(0) is "5" or "61" && context.Location(s) is { IsEmpty: false } call)
                    {
                        calls.Add((call, null, null));
                    }

                    break;
                case "LOC":
                    // Stowage ports hold UN/LOCODEs only: free text is quoted in the warning, the port left empty.
                    var locode = context.Location(s).Locode;
                    if (s.Get(0) == "9")
                    {
                        slot.PortOfLoading = locode;
                    }
                    else if (s.Get(0) is "11" or "12")
                    {
                        slot.PortOfDischarge = locode;
                    }

                    break;
                case "DTM" when slot is null && calls.Count > 0:
                    if (context.Date(s) is not { } at)
                    {
                        break;
                    }

                    var last = calls[^1];
                    calls[^1] = s.Get(0) switch
                    {
                        "132" or "178" => last with { Arrival = at },
                        "133" or "136" or "186" => last with { Departure = at },
                        _ => last,
                    };
                    break;
                case "DTM":
                    break;
                case "EQD" when slot is not null:
                    if (s.Get(0) == "CN")
                    {
                        slot.Container = context.ContainerNumberOf(s);
                        slot.SizeType = MappingContext.NullIfEmpty(s.Get(2));
                    }
                    else
                    {
                        context.Warn("baplie.not-a-container", $"EQD qualifier {EdifactCodes.EquipmentQualifier.Describe(s.Get(0))} is not a container (CN); the cell was left empty.", s);
                    }

                    break;
                case "TMP" when slot is not null:
                    slot.Setpoint = context.Temperature(s);
                    break;
                case "MEA":
                    break;
                default:
                    if (!Ignored.Contains(s.Tag))
                    {
                        context.UnknownSegment(s);
                    }

                    break;
            }
        }

        if (!sawBgm)
        {
            throw MappingContext.Reject("baplie.missing-bgm", "The BAPLIE has no BGM segment; send BGM right after UNH.", context.MessageStart);
        }

        if (transport is not { } t)
        {
            throw MappingContext.Reject("baplie.missing-tdt", "The BAPLIE has no TDT segment; send TDT+20 with voyage number, carrier and vessel before the first LOC+147.", context.MessageStart);
        }

        var records = new List<StowageRecord>(stowage.Count);
        foreach (var cell in stowage)
        {
            if (cell.Container is null)
            {
                continue;
            }

            records.Add(new StowageRecord(cell.Container, cell.SizeType, MappingContext.IsReefer(cell.SizeType, cell.Setpoint), cell.Position, cell.PortOfLoading, cell.PortOfDischarge, cell.Setpoint));
        }

        var movement = new MovementRecord(t.Mode, t.Carrier, t.Voyage, t.MeansName, t.MeansId, [.. calls.Select(c => new CallRecord(c.Place.LocodeOrEmpty, c.Arrival, c.Departure, c.Place.Text))]);
        return new BayPlanDocument(message.Reference, movement, records, context.Warnings);
    }

    private sealed class Slot(EdifactSegment loc, string position)
    {
        public EdifactSegment Loc { get; } = loc;

        public string Position { get; } = position;

        public string? Container { get; set; }

        public string? SizeType { get; set; }

        public string? PortOfLoading { get; set; }

        public string? PortOfDischarge { get; set; }

        public double? Setpoint { get; set; }
    }
}
