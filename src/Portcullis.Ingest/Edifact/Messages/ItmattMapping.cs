using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest.Edifact.CodeLists;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>
/// Reads a UPU ITMATT (item attribute message, standard M33) into postal items: outbound
/// consignments of kind <see cref="ConsignmentKind.PostalItem"/> that travel on no movement we know.
/// The UPU's own implementation guide is not public, so the segment use is ours, in plain UN/EDIFACT
/// (docs/INGEST.md): BGM and DTM+137 for the message, NAD+CA for the postal operator, then per item
/// a CNI with the S10 identifier, its dates (137 label, 200 acceptance, 186/189 dispatch),
/// places (LOC), sender (NAD+CZ), addressee (NAD+CN), gross weight (MEA) and one GID group per
/// CN 22/CN 23 content piece (FTX+AAA description, PIA HS code, MEA net weight, MOA value, LOC+27 origin).
/// Only a broken structure or a missing item id rejects the message; everything else is a warning.
/// </summary>
public static class ItmattMapping
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "CNT", "GIS", "CUX", "QTY", "PCI", "TSR", "COM", "CTA", "DOC", "TOD", "UNS", "DIM", "HAN", "TAX", "ALI", "SGP", "PAC", "TDT", "RFF", "FTX", "CST", "GDS",
    };

    public static ManifestDocument Read(EdifactMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var state = new ItmattState(new MappingContext(message));
        foreach (var segment in message.Segments)
        {
            state.Apply(segment);
        }

        return state.Finish();
    }

    private sealed class ItmattState(MappingContext context)
    {
        private EdifactSegment? bgm;
        private string documentNumber = "";
        private DocumentFunction function = DocumentFunction.Original;
        private DateTime? documentDate;
        private PartyRecord? operatorParty;
        private readonly List<ItemBuilder> items = [];
        private ItemBuilder? item;
        private PieceBuilder? piece;

        public void Apply(EdifactSegment s)
        {
            switch (s.Tag)
            {
                case "BGM":
                    bgm = s;
                    documentNumber = s.Get(1);
                    function = Function(s);
                    break;
                case "CNI":
                    item = new ItemBuilder(s, s.Get(1));
                    CheckItemId(s, item.Reference);
                    items.Add(item);
                    piece = null;
                    break;
                case "DTM":
                    Date(s);
                    break;
                case "NAD":
                    Party(s);
                    break;
                case "LOC" when item is not null:
                    Location(s, item);
                    break;
                case "GID":
                    StartPiece(s);
                    break;
                case "FTX" when piece is not null && s.Get(0) == "AAA":
                    piece.Description = MappingContext.JoinLines(s.ElementCount > 3 ? s.Elements[3] : [], 512);
                    break;
                case "PIA" when piece is not null:
                    piece.HsCode = HsCode(s) ?? piece.HsCode;
                    break;
                case "MEA" when item is not null:
                    Measure(s, item);
                    break;
                case "MOA" when piece is not null:
                    Value(s, piece);
                    break;
                case "LOC" or "MEA" or "MOA":
                    // Message-level places and totals add nothing the items do not say.
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
                throw MappingContext.Reject("itmatt.missing-bgm", "The ITMATT has no BGM segment; send BGM with the document number and function right after UNH.", context.MessageStart);
            }

            if (documentNumber.Length == 0)
            {
                throw MappingContext.Reject("itmatt.missing-document-number", "BGM carries no document number (1004); put the item attribute message number in BGM's second element.", bgm);
            }

            var records = new List<ConsignmentRecord>(items.Count);
            foreach (var built in items)
            {
                records.Add(built.Build(documentDate, operatorParty));
            }

            return new ManifestDocument(context.Message.Reference, documentNumber, function, Movement: null, records, context.Warnings);
        }

        /// <summary>An item id that fails S10 is still the sender's id: stored as given, never corrected, with a warning.</summary>
        private void CheckItemId(EdifactSegment s, string id)
        {
            switch (id.Length == 0 ? S10Finding.Valid : S10ItemId.Check(id))
            {
                case S10Finding.NotS10Shape:
                    context.Warn("itmatt.not-s10", $"Item id '{id}' is not an S10 identifier (two letters, eight digits, a check digit, two letters); it was stored as given and is matched by its exact text.", s);
                    break;
                case S10Finding.BadCheckDigit:
                    context.Warn("itmatt.s10-check-digit", $"Item id '{id}' has check digit {id[10]} where S10 gives {S10ItemId.CheckDigit(id.AsSpan(2, 8))}; it was stored as given, not corrected: check the label.", s);
                    break;
                case S10Finding.UnknownServiceIndicator:
                    context.Warn("itmatt.s10-service-indicator", $"Item id '{id}' starts with service indicator {id[..2]}, which S10 does not assign as far as we know; it was stored as given.", s);
                    break;
                default:
                    break;
            }
        }

        /// <summary>
        /// The storage meaning of the BGM function, as for CUSCAR (<see cref="MessageFunctions"/>).
        /// Posts use 22 and 43 routinely, so only a code outside UNCL 1225 is worth a warning.
        /// </summary>
        private DocumentFunction Function(EdifactSegment s)
        {
            var code = s.Get(2);
            var (function, _) = MessageFunctions.Storage(code);
            if (code.Length > 0 && !EdifactCodes.MessageFunction.Contains(code))
            {
                context.Warn("itmatt.unknown-function", $"BGM message function '{code}' is not a UNCL 1225 code; the items were read as {MessageFunctions.Verb(function)}. Use 9 (original), 5 (replacement) or 1 (cancellation).", s);
            }

            return function;
        }

        private void Date(EdifactSegment s)
        {
            var qualifier = s.Get(0);
            if (item is null)
            {
                if (qualifier == "137")
                {
                    documentDate = context.Date(s) ?? documentDate;
                }

                return;
            }

            switch (qualifier)
            {
                case "137":
                    item.LabelledAt = context.Date(s) ?? item.LabelledAt;
                    break;
                case "200":
                    item.AcceptedAt = context.Date(s) ?? item.AcceptedAt;
                    break;
                case "186":
                    item.DispatchedAt = context.Date(s) ?? item.DispatchedAt;
                    break;
                case "189":
                    item.DispatchedAt ??= context.Date(s);
                    break;
                default:
                    break;
            }
        }

        private void Party(EdifactSegment s)
        {
            var qualifier = s.Get(0);
            var name = MappingContext.JoinLines(s.ElementCount > 3 ? s.Elements[3] : [], 35);
            if (name.Length == 0)
            {
                name = MappingContext.JoinLines(s.ElementCount > 2 ? s.Elements[2] : [], 35);
            }

            if (name.Length == 0)
            {
                // The postal operator is known by its code as well as by name.
                name = qualifier == "CA" && item is null ? s.Get(1) : "";
            }

            var country = Country(s.Get(8));
            if (item is null)
            {
                if (qualifier != "CA")
                {
                    context.Warn("itmatt.unknown-party", $"NAD qualifier '{qualifier}' before the first item is not one we read and was ignored; name the postal operator with NAD+CA.", s);
                }
                else if (name.Length == 0)
                {
                    context.Warn("itmatt.missing-party-name", "NAD+CA names no postal operator; give its code in C082 or its name in C080.", s);
                }
                else
                {
                    operatorParty = new PartyRecord(PartyRole.Declarant, name, country, null, null);
                }

                return;
            }

            PartyRole? role = qualifier switch
            {
                "CZ" => PartyRole.Consignor,
                "CN" => PartyRole.Consignee,
                "DT" or "DE" => PartyRole.Declarant,
                _ => null,
            };
            if (role is null)
            {
                context.Warn("itmatt.unknown-party", $"NAD qualifier '{qualifier}' is not a role we read for a postal item and was ignored; use CZ (sender) or CN (addressee).", s);
                return;
            }

            if (name.Length == 0)
            {
                context.Warn("itmatt.missing-party-name", $"NAD+{qualifier} of item {item.Reference} names no party and was left out; put the name in C080 (the fourth element).", s);
                return;
            }

            item.Parties.Add(new PartyRecord(role.Value, name, country, null, null));
        }

        private static string? Country(string code) => code.Length == 0 ? null : code.ToUpperInvariant();

        private void Location(EdifactSegment s, ItemBuilder target)
        {
            var qualifier = s.Get(0);
            var value = s.Get(1);
            if (value.Length == 0)
            {
                return;
            }

            if (qualifier == "27")
            {
                var country = value.Length >= 2 ? value[..2].ToUpperInvariant() : value;
                if (piece is null)
                {
                    target.OriginCountry = country;
                }
                else
                {
                    target.GoodsOrigin ??= country;
                }

                return;
            }

            if (qualifier == "28")
            {
                // The country of destination; the place of delivery, when given, says more.
                return;
            }

            var place = Place(s, value);
            switch (qualifier)
            {
                case "88":
                    target.PlaceOfPosting = place;
                    break;
                case "5" or "9":
                    target.PlaceOfDeparture ??= place;
                    break;
                case "11" or "12":
                    target.PlaceOfDischarge = place;
                    break;
                case "7" or "8":
                    target.PlaceOfDelivery ??= place;
                    break;
                default:
                    context.Warn("itmatt.unknown-location", $"LOC qualifier '{qualifier}' is not one we read for a postal item and was ignored; use 88, 5, 11, 7, 27 or 28.", s);
                    break;
            }
        }

        /// <summary>A UN/LOCODE, canonical; anything else is kept as the sender wrote it, with a warning.</summary>
        private string Place(EdifactSegment s, string value)
        {
            var parsed = UnLocode.Parse(value);
            if (parsed.Success)
            {
                return parsed.Value.Value;
            }

            context.Warn("itmatt.not-a-locode", $"LOC+{s.Get(0)} holds '{value}', which is not a UN/LOCODE; it was kept as free text. Send the five-character UN/LOCODE.", s);
            return value;
        }

        private void StartPiece(EdifactSegment s)
        {
            if (item is null)
            {
                throw MappingContext.Reject("itmatt.piece-outside-item", "GID comes before any CNI; put every content piece inside its postal item's CNI group.", s);
            }

            var line = (int?)context.Number(s.Get(0), s) ?? item.Pieces.Count + 1;
            piece = new PieceBuilder(line)
            {
                Quantity = (int)(context.Number(s.Get(1, 0), s) ?? 1),
            };
            item.Pieces.Add(piece);
        }

        private void Measure(EdifactSegment s, ItemBuilder target)
        {
            if (s.Get(0) is not ("AAE" or "WT"))
            {
                return;
            }

            var gross = s.Get(1) is "G" or "AAB";
            var net = s.Get(1) is "N" or "AAA";
            if (!gross && !net)
            {
                return;
            }

            var kg = context.Kilograms(s);
            if (piece is null)
            {
                if (gross)
                {
                    target.GrossKg = kg;
                }

                return;
            }

            if (gross)
            {
                piece.GrossKg = kg;
            }
            else
            {
                piece.NetKg = kg;
            }
        }

        private void Value(EdifactSegment s, PieceBuilder target)
        {
            var amount = context.Number(s.Get(0, 1), s);
            var currency = s.Get(0, 2);
            if (currency is "EUR")
            {
                target.ValueEur = amount;
                return;
            }

            context.Warn("itmatt.value-not-eur", $"MOA gives the value in '{currency}', not EUR; the value was left out, send it in EUR.", s);
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

        private sealed class ItemBuilder(EdifactSegment cni, string reference)
        {
            public string Reference { get; } = reference;

            public DateTime? LabelledAt { get; set; }

            public DateTime? AcceptedAt { get; set; }

            public DateTime? DispatchedAt { get; set; }

            public string? OriginCountry { get; set; }

            public string? GoodsOrigin { get; set; }

            public string? PlaceOfPosting { get; set; }

            public string? PlaceOfDeparture { get; set; }

            public string? PlaceOfDischarge { get; set; }

            public string? PlaceOfDelivery { get; set; }

            public double? GrossKg { get; set; }

            public List<PartyRecord> Parties { get; } = [];

            public List<PieceBuilder> Pieces { get; } = [];

            public ConsignmentRecord Build(DateTime? documentDate, PartyRecord? postalOperator)
            {
                if (Reference.Length == 0)
                {
                    throw MappingContext.Reject("itmatt.missing-item-id", $"The postal item starting at CNI (segment {cni.Position.SegmentNumber}) has no item identifier; put its S10 identifier in CNI's second element.", cni);
                }

                if (postalOperator is not null && !Parties.Exists(p => p.Role == PartyRole.Declarant))
                {
                    Parties.Add(postalOperator);
                }

                // Letters and parcels are posted where they are accepted; without that, the sender's country is where they come from.
                var origin = OriginCountry ?? Parties.Find(p => p.Role == PartyRole.Consignor)?.CountryCode ?? GoodsOrigin;
                return new ConsignmentRecord(
                    Reference, ConsignmentKind.PostalItem, Direction.Export, HubCode: null,
                    LabelledAt ?? documentDate, DispatchedAt, AcceptedAt, origin,
                    new RouteRecord(PlaceOfPosting, PlaceOfDeparture, [], PlaceOfDischarge ?? PlaceOfDelivery, PlaceOfDelivery),
                    [.. Parties],
                    [.. Pieces.Select(p => new GoodsRecord(p.LineNumber, p.HsCode, p.Description, p.Quantity, null, p.GrossKg, p.NetKg, p.ValueEur))],
                    [])
                {
                    DeclaredGrossKg = GrossKg,
                };
            }
        }

        private sealed class PieceBuilder(int lineNumber)
        {
            public int LineNumber { get; } = lineNumber;

            public string? HsCode { get; set; }

            public string Description { get; set; } = "";

            public int Quantity { get; set; }

            public double? GrossKg { get; set; }

            public double? NetKg { get; set; }

            public double? ValueEur { get; set; }
        }
    }
}
