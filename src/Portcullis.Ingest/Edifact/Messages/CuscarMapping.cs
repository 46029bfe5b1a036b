using Portcullis.Domain.Cargo;
using Portcullis.Ingest.Edifact.CodeLists;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>
/// Reads a CUSCAR (customs cargo report, D.95B/D.00B as port communities use it) into a manifest:
/// the voyage from TDT and its LOC/DTM calls, then one consignment per CNI group with its
/// references, route, parties, goods items (GID) and equipment (EQD).
/// </summary>
public static class CuscarMapping
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "CNT", "PCI", "GIS", "TSR", "EQN", "DOC", "GDS", "HAN", "DGS", "CTA", "COM", "RNG", "TMD", "DIM", "FTX", "CST", "TOD", "QTY", "UNS", "GEI", "CUX",
    };

    public static ManifestDocument Read(EdifactMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var context = new MappingContext(message);
        var state = new CuscarState(context);
        foreach (var segment in message.Segments)
        {
            state.Apply(segment);
        }

        return state.Finish();
    }

    private sealed class CuscarState(MappingContext context)
    {
        private EdifactSegment? bgm;
        private string documentNumber = "";
        private DocumentFunction function = DocumentFunction.Original;
        private EdifactSegment? tdt;
        private TransportMode mode = TransportMode.Sea;
        private string carrier = "";
        private string voyage = "";
        private string? meansName;
        private string? meansId;
        private readonly List<CallBuilder> calls = [];
        private readonly List<ConsignmentBuilder> consignments = [];
        private readonly Dictionary<string, EquipmentBuilder> messageEquipment = new(StringComparer.Ordinal);
        private ConsignmentBuilder? consignment;
        private GoodsBuilder? goods;
        private EquipmentBuilder? equipment;
        private PartyBuilder? party;
        private string lastReference = "";

        public void Apply(EdifactSegment s)
        {
            switch (s.Tag)
            {
                case "BGM":
                    bgm = s;
                    documentNumber = s.Get(1);
                    function = Function(s, context);
                    break;
                case "TDT" when consignment is null && tdt is null:
                    tdt = s;
                    ReadTransport(s);
                    break;
                case "TDT":
                    break;
                case "LOC":
                    Location(s);
                    break;
                case "DTM":
                    Date(s);
                    break;
                case "RFF":
                    Reference(s);
                    break;
                case "CNI":
                    consignment = new ConsignmentBuilder(s) { Reference = s.Get(1) };
                    consignments.Add(consignment);
                    goods = null;
                    equipment = null;
                    party = null;
                    break;
                case "NAD":
                    Party(s);
                    break;
                case "COM" when party is not null:
                    Contact(s, party);
                    break;
                case "GID":
                    StartGoods(s);
                    break;
                case "PAC" when goods is not null:
                    goods.Packages = (int)(context.Number(s.Get(0), s) ?? goods.Packages);
                    goods.PackageType = Nullify(s.Get(2)) ?? goods.PackageType;
                    break;
                case "FTX" when goods is not null && s.Get(0) == "AAA":
                    goods.Description = MappingContext.JoinLines(s.ElementCount > 3 ? s.Elements[3] : [], 512);
                    break;
                case "MEA" when goods is not null && equipment is null:
                    Measure(s, goods);
                    break;
                case "MEA":
                    break;
                case "MOA" when goods is not null:
                    Value(s, goods);
                    break;
                case "PIA" when goods is not null:
                    goods.HsCode = HsCode(s) ?? goods.HsCode;
                    break;
                case "CST" when goods is { HsCode: null }:
                    goods.HsCode = Nullify(s.Get(1));
                    break;
                case "EQD":
                    StartEquipment(s);
                    break;
                case "SGP" when consignment is not null:
                    consignment.SplitReferences.Add(context.ContainerNumberOf(s, 0));
                    break;
                case "SEL" when equipment is not null:
                    equipment.Seals.Add(s.Get(0));
                    break;
                case "TMP" when equipment is not null:
                    equipment.Setpoint = context.Temperature(s);
                    break;
                default:
                    if (!Ignored.Contains(s.Tag))
                    {
                        context.UnknownSegment(s);
                    }

                    break;
            }
        }

        public ManifestDocument Finish()
        {
            if (bgm is null)
            {
                throw MappingContext.Reject("cuscar.missing-bgm", "The CUSCAR has no BGM segment; send BGM with the document number and function right after UNH.", context.MessageStart);
            }

            if (documentNumber.Length == 0)
            {
                throw MappingContext.Reject("cuscar.missing-document-number", "BGM carries no document number (1004); put the cargo report number in BGM's second element.", bgm);
            }

            if (tdt is null)
            {
                throw MappingContext.Reject("cuscar.missing-tdt", "The CUSCAR has no TDT segment before its first consignment; send TDT+20 with voyage number, carrier and vessel.", context.MessageStart);
            }

            var movement = new MovementRecord(mode, carrier, voyage, meansName, meansId, [.. calls.Select(c => new CallRecord(c.Place.LocodeOrEmpty, c.Arrival, c.Departure, c.Place.Text))]);
            var records = consignments.Select(c => c.Build(mode, calls, messageEquipment)).ToList();
            return new ManifestDocument(context.Message.Reference, documentNumber, function, movement, records, context.Warnings);
        }

        private static DocumentFunction Function(EdifactSegment s, MappingContext context)
        {
            var code = s.Get(2);
            var (function, usual) = MessageFunctions.Storage(code);
            if (!usual)
            {
                context.Warn("cuscar.unusual-function", $"BGM message function {EdifactCodes.MessageFunction.Describe(code)} was read as {MessageFunctions.Verb(function)}; send 9 (original), 5 (replace) or 1 (cancellation) to say it plainly.", s);
            }

            return function;
        }

        private void ReadTransport(EdifactSegment s) =>
            (mode, carrier, voyage, meansName, meansId) = context.Transport(s, "cuscar");

        private void Location(EdifactSegment s)
        {
            var qualifier = s.Get(0);
            if (consignment is null)
            {
                if (qualifier == "27")
                {
                    return;
                }

                if (context.Location(s) is { IsEmpty: false } call)
                {
                    calls.Add(new CallBuilder(call));
                }

                return;
            }

            if (qualifier == "27")
            {
                var country = s.Get(1);
                country = country.Length >= 2 ? country[..2].ToUpperInvariant() : country;
                if (goods is null)
                {
                    consignment.OriginCountry = country;
                }
                else
                {
                    consignment.GoodsOrigin ??= country;
                }

                return;
            }

            // The route holds UN/LOCODEs only: free text is quoted in the warning and the port left empty.
            var locode = context.Location(s).Locode;
            if (locode is null)
            {
                return;
            }

            switch (qualifier)
            {
                case "88":
                    consignment.PlaceOfReceipt = locode;
                    break;
                case "9":
                    consignment.PortOfLoading = locode;
                    break;
                case "5":
                    consignment.PortOfLoading ??= locode;
                    break;
                case "13":
                    consignment.Transshipments.Add(locode);
                    break;
                case "11" or "12":
                    consignment.PortOfDischarge = locode;
                    break;
                case "7":
                    consignment.PlaceOfDelivery = locode;
                    break;
                case "8":
                    consignment.PlaceOfDelivery ??= locode;
                    break;
                default:
                    context.Warn("cuscar.unknown-location", $"LOC qualifier {EdifactCodes.LocationFunction.Describe(qualifier)} is not one we read in a consignment and was ignored; use 88, 5, 9, 13, 11, 7, 8 or 27.", s);
                    break;
            }
        }

        private void Date(EdifactSegment s)
        {
            var qualifier = s.Get(0);
            if (consignment is null)
            {
                if (calls.Count == 0 || qualifier is not ("132" or "133" or "178" or "186"))
                {
                    return;
                }

                var call = calls[^1];
                if (context.Date(s) is not { } at)
                {
                    return;
                }

                if (qualifier is "132" or "178")
                {
                    call.Arrival = qualifier == "178" || call.Arrival is null ? at : call.Arrival;
                }
                else
                {
                    call.Departure = qualifier == "186" || call.Departure is null ? at : call.Departure;
                }

                return;
            }

            switch (qualifier)
            {
                case "171" when lastReference is "BN" || consignment.BookedAt is null:
                    consignment.BookedAt = context.Date(s) ?? consignment.BookedAt;
                    break;
                case "186" or "133":
                    consignment.DepartedAt = qualifier == "186" || consignment.DepartedAt is null ? context.Date(s) ?? consignment.DepartedAt : consignment.DepartedAt;
                    break;
                case "178" or "132":
                    consignment.ArrivedAt = qualifier == "178" || consignment.ArrivedAt is null ? context.Date(s) ?? consignment.ArrivedAt : consignment.ArrivedAt;
                    break;
                default:
                    break;
            }
        }

        private void Reference(EdifactSegment s)
        {
            var qualifier = s.Get(0, 0);
            var value = s.Get(0, 1);
            if (party is not null && qualifier == "AEO")
            {
                party.Aeo = value switch
                {
                    "AEOC" => AeoStatus.AeoC,
                    "AEOS" => AeoStatus.AeoS,
                    "AEOF" => AeoStatus.AeoF,
                    _ => AeoStatus.None,
                };
                return;
            }

            if (consignment is null)
            {
                return;
            }

            lastReference = qualifier;
            if (qualifier == "BM" && value.Length > 0)
            {
                consignment.Reference = value;
            }
        }

        private void Party(EdifactSegment s)
        {
            if (consignment is null)
            {
                return;
            }

            PartyRole? role = s.Get(0) switch
            {
                "CZ" => PartyRole.Consignor,
                "CN" => PartyRole.Consignee,
                "N1" or "NI" => PartyRole.Notify,
                "FW" => PartyRole.Forwarder,
                "DT" or "DE" or "CB" => PartyRole.Declarant,
                _ => null,
            };
            if (role is null)
            {
                party = null;
                context.Warn("cuscar.unknown-party", $"NAD qualifier '{s.Get(0)}' is not a role we read and was ignored; use CZ, CN, N1, FW or DT.", s);
                return;
            }

            var name = MappingContext.JoinLines(s.ElementCount > 3 ? s.Elements[3] : [], 35);
            if (name.Length == 0)
            {
                name = MappingContext.JoinLines(s.ElementCount > 2 ? s.Elements[2] : [], 35);
            }

            if (name.Length == 0)
            {
                party = null;
                context.Warn("cuscar.missing-party-name", $"NAD+{s.Get(0)} names no party, so it was left out; put the name in C080 (the fourth element).", s);
                return;
            }

            var id = s.Get(1);
            var list = s.Get(1, 1);
            var eori = id.Length > 0 && (list is "EORI" || (list.Length == 0 && LooksLikeEori(id))) ? id : null;
            party = new PartyBuilder(role.Value, name, Nullify(s.Get(8)), eori)
            {
                Street = Nullify(MappingContext.JoinLines(s.ElementCount > 4 ? s.Elements[4] : [], 35)),
                City = Nullify(s.Get(5)),
                Postcode = Nullify(s.Get(7)),
            };
            consignment.Parties.Add(party);
        }

        // COM in the party's group (NAD-CTA-COM): TE is a phone, EM an e-mail address. Values that do
        // not read as either are kept as sent, with a warning: a rejection would lose the consignment
        // for a typo in a contact field.
        private void Contact(EdifactSegment s, PartyBuilder owner)
        {
            var value = s.Get(0).Trim();
            if (value.Length == 0)
            {
                return;
            }

            switch (s.Get(0, 1))
            {
                case "TE":
                    owner.Phone ??= value;
                    if (!ContactValues.IsReadablePhone(value))
                    {
                        context.Warn("cuscar.unreadable-phone", $"COM holds '{value}' as a phone number (TE), which is not one; it was kept as sent, send digits with an optional leading + (e.g. +31 10 123 4567).", s);
                    }

                    break;
                case "EM":
                    owner.Email ??= value;
                    if (!ContactValues.IsReadableEmail(value))
                    {
                        context.Warn("cuscar.unreadable-email", $"COM holds '{value}' as an e-mail address (EM), which is not one; it was kept as sent, send name@domain.", s);
                    }

                    break;
                default:
                    break;
            }
        }

        private void StartGoods(EdifactSegment s)
        {
            if (consignment is null)
            {
                throw MappingContext.Reject("cuscar.goods-outside-consignment", "GID comes before any CNI; put every goods item inside its consignment's CNI group.", s);
            }

            party = null;
            equipment = null;
            var line = (int?)context.Number(s.Get(0), s) ?? consignment.Goods.Count + 1;
            goods = new GoodsBuilder(line)
            {
                Packages = (int)(context.Number(s.Get(1, 0), s) ?? 0),
                PackageType = Nullify(s.Get(1, 1)),
            };
            consignment.Goods.Add(goods);
        }

        private void Measure(EdifactSegment s, GoodsBuilder item)
        {
            if (s.Get(0) is not ("AAE" or "WT"))
            {
                return;
            }

            switch (s.Get(1))
            {
                case "G" or "AAB":
                    item.GrossKg = context.Kilograms(s);
                    break;
                case "N" or "AAA":
                    item.NetKg = context.Kilograms(s);
                    break;
                default:
                    break;
            }
        }

        private void Value(EdifactSegment s, GoodsBuilder item)
        {
            var amount = context.Number(s.Get(0, 1), s);
            var currency = s.Get(0, 2);
            if (currency == "EUR")
            {
                item.ValueEur = amount;
                return;
            }

            context.Warn("cuscar.value-not-eur", $"MOA gives the value in '{currency}', not EUR; the value was left out, send it in EUR.", s);
        }

        private static string? HsCode(EdifactSegment s)
        {
            for (var e = 1; e < s.ElementCount; e++)
            {
                if (s.Get(e, 1) is "HS" or "" && s.Get(e) is { Length: > 0 } code)
                {
                    return code;
                }
            }

            return null;
        }

        private void StartEquipment(EdifactSegment s)
        {
            party = null;
            goods = null;
            if (s.Get(0) != "CN")
            {
                equipment = null;
                context.Warn("cuscar.not-a-container", $"EQD qualifier {EdifactCodes.EquipmentQualifier.Describe(s.Get(0))} is not a container (CN) and was ignored.", s);
                return;
            }

            equipment = new EquipmentBuilder(context.ContainerNumberOf(s), Nullify(s.Get(2)));
            if (consignment is null)
            {
                // Some guides list the equipment once for the whole message; goods items point to it with SGP.
                messageEquipment[equipment.Number] = equipment;
            }
            else
            {
                consignment.Equipment.Add(equipment);
            }
        }

        /// <summary>An EORI is a country code and up to 15 letters or digits; without a code list we take only that shape with digits.</summary>
        private static bool LooksLikeEori(string id) =>
            id.Length is >= 3 and <= 17 && char.IsAsciiLetterUpper(id[0]) && char.IsAsciiLetterUpper(id[1])
            && id.AsSpan(2).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") < 0 && id.AsSpan(2).IndexOfAnyInRange('0', '9') >= 0;

        private static string? Nullify(string value) => value.Length == 0 ? null : value;
    }

    private sealed class CallBuilder(MappingContext.Place place)
    {
        public MappingContext.Place Place { get; } = place;

        public string? Locode => Place.Locode;

        public DateTime? Arrival { get; set; }

        public DateTime? Departure { get; set; }
    }

    private sealed class ConsignmentBuilder(EdifactSegment cni)
    {
        public string Reference { get; set; } = "";

        public DateTime? BookedAt { get; set; }

        public DateTime? DepartedAt { get; set; }

        public DateTime? ArrivedAt { get; set; }

        public string? OriginCountry { get; set; }

        public string? GoodsOrigin { get; set; }

        public string? PlaceOfReceipt { get; set; }

        public string? PortOfLoading { get; set; }

        public List<string> Transshipments { get; } = [];

        public string? PortOfDischarge { get; set; }

        public string? PlaceOfDelivery { get; set; }

        public List<PartyBuilder> Parties { get; } = [];

        public List<GoodsBuilder> Goods { get; } = [];

        public List<EquipmentBuilder> Equipment { get; } = [];

        /// <summary>Containers the goods items name in SGP, which may be declared at message level.</summary>
        public List<string> SplitReferences { get; } = [];

        public ConsignmentRecord Build(TransportMode mode, List<CallBuilder> calls, Dictionary<string, EquipmentBuilder> messageEquipment)
        {
            foreach (var number in SplitReferences)
            {
                if (!Equipment.Exists(e => e.Number == number))
                {
                    Equipment.Add(messageEquipment.TryGetValue(number, out var declared) ? declared : new EquipmentBuilder(number, null));
                }
            }

            if (Reference.Length == 0)
            {
                throw MappingContext.Reject("cuscar.missing-bill-of-lading", $"The consignment starting at CNI (segment {cni.Position.SegmentNumber}) has no bill of lading number; send RFF+BM with it.", cni);
            }

            var kind = mode switch
            {
                TransportMode.Air => ConsignmentKind.AirCargo,
                TransportMode.Road => ConsignmentKind.RoadTruck,
                TransportMode.Post => ConsignmentKind.PostalItem,
                _ => Equipment.Count > 0 ? ConsignmentKind.SeaContainer : ConsignmentKind.SeaBulk,
            };

            // Without per-consignment times the vessel's own calls at the route's ports say it.
            var departed = DepartedAt ?? calls.Find(c => c.Locode == PortOfLoading)?.Departure;
            var arrived = ArrivedAt ?? calls.Find(c => c.Locode == PortOfDischarge)?.Arrival;
            return new ConsignmentRecord(
                Reference, kind, Direction.Import, HubCode: null, BookedAt, departed, arrived, OriginCountry ?? GoodsOrigin,
                new RouteRecord(PlaceOfReceipt, PortOfLoading, [.. Transshipments], PortOfDischarge, PlaceOfDelivery),
                [.. Parties.Select(p => new PartyRecord(p.Role, p.Name, p.Country, p.Eori, p.Aeo) { Street = p.Street, City = p.City, Postcode = p.Postcode, Phone = p.Phone, Email = p.Email })],
                [.. Goods.Select(g => new GoodsRecord(g.LineNumber, g.HsCode, g.Description, g.Packages, g.PackageType, g.GrossKg, g.NetKg, g.ValueEur))],
                [.. Equipment.Select(e => new EquipmentRecord(e.Number, e.SizeType, MappingContext.IsReefer(e.SizeType, e.Setpoint), [.. e.Seals], e.Setpoint))]);
        }
    }

    private sealed class PartyBuilder(PartyRole role, string name, string? country, string? eori)
    {
        public PartyRole Role { get; } = role;

        public string Name { get; } = name;

        public string? Country { get; } = country;

        public string? Eori { get; } = eori;

        public AeoStatus? Aeo { get; set; }

        public string? Street { get; init; }

        public string? City { get; init; }

        public string? Postcode { get; init; }

        public string? Phone { get; set; }

        public string? Email { get; set; }
    }

    private sealed class GoodsBuilder(int lineNumber)
    {
        public int LineNumber { get; } = lineNumber;

        public string? HsCode { get; set; }

        public string Description { get; set; } = "";

        public int Packages { get; set; }

        public string? PackageType { get; set; }

        public double? GrossKg { get; set; }

        public double? NetKg { get; set; }

        public double? ValueEur { get; set; }
    }

    private sealed class EquipmentBuilder(string number, string? sizeType)
    {
        public string Number { get; } = number;

        public string? SizeType { get; } = sizeType;

        public List<string> Seals { get; } = [];

        public double? Setpoint { get; set; }
    }
}
