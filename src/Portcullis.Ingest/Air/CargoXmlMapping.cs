using System.Globalization;
using System.Xml.Linq;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Air;

/// <summary>
/// Maps one Cargo-XML message (as an element tree) to a <see cref="ManifestDocument"/> of air cargo
/// consignments. The document number is the master air waybill (XFWB, XFZB) or the flight (XFFM).
/// </summary>
internal static class CargoXmlMapping
{
    public static AirItem Map(XElement root, LineIndex lines)
    {
        var text = new Lazy<string>(() => root.ToString(SaveOptions.DisableFormatting));
        var type = root.Name.LocalName switch
        {
            "Waybill" => "XFWB",
            "HouseWaybill" => "XFZB",
            "FlightManifest" => "XFFM",
            _ => null,
        };
        var context = new CargoXmlContext(lines);
        if (type is null)
        {
            return new AirRejected(root.Name.LocalName, null, IngestIssue.Error("cargoxml.unknown-message", $"Message <{root.Name.LocalName}> is not a Cargo-XML message we read; send Waybill (XFWB), HouseWaybill (XFZB) or FlightManifest (XFFM).", context.Where(root)), text.Value);
        }

        if (!root.Name.NamespaceName.StartsWith("iata:", StringComparison.OrdinalIgnoreCase))
        {
            context.Warn("cargoxml.namespace", $"Message <{root.Name.LocalName}> is in namespace '{root.Name.NamespaceName}', not an IATA one (iata:waybill:1…); it was read by element names.", root);
        }

        var header = root.Child("MessageHeaderDocument");
        var messageId = header.Text("ID") ?? "";
        var function = Function(header, context);
        var issued = context.Time(header?.Child("IssueDateTime"));
        try
        {
            var document = type switch
            {
                "XFWB" => Waybill(root, messageId, function, issued, context),
                "XFZB" => HouseWaybill(root, messageId, function, issued, context),
                _ => FlightManifest(root, messageId, function, context),
            };
            var sender = header?.Elements().FirstOrDefault(e => e.Name.LocalName == "SenderParty").Text("PrimaryID")?.Trim();
            return new AirMessage(type, document, text, context.Where(root)!, string.IsNullOrEmpty(sender) ? null : sender);
        }
        catch (IngestRejectedException ex)
        {
            return new AirRejected(type, messageId.Length == 0 ? null : messageId, ex.Issue, text.Value);
        }
    }

    private static ManifestDocument Waybill(XElement root, string messageId, DocumentFunction function, DateTime? issued, CargoXmlContext context)
    {
        var business = root.Child("BusinessHeaderDocument");
        var master = root.Child("MasterConsignment");
        var awb = context.Awb(business?.Child("ID"), root, "XFWB");
        var legs = Legs(master, context);
        var booked = context.Time(business?.Child("SignatoryCarrierAuthentication")?.Child("ActualDateTime")) ?? issued;
        var consignment = Consignment(master ?? root, awb, legs, booked, context, houseItems: false);
        return new ManifestDocument(messageId, awb, function, Arriving(legs), [consignment], context.Warnings);
    }

    private static ManifestDocument HouseWaybill(XElement root, string messageId, DocumentFunction function, DateTime? issued, CargoXmlContext context)
    {
        var business = root.Child("BusinessHeaderDocument");
        var master = root.Child("MasterConsignment");
        var mawb = context.Awb(master?.Child("TransportContractDocument")?.Child("ID"), root, "XFZB");
        var house = master?.Child("IncludedHouseConsignment");
        var hawb = (business.Text("ID") ?? house.Text("ID"))?.Trim();
        if (string.IsNullOrEmpty(hawb))
        {
            throw new IngestRejectedException(IngestIssue.Error("cargoxml.no-hawb", $"House waybill under master {mawb} has no house waybill number (BusinessHeaderDocument/ID); send the HAWB number.", context.Where(business ?? root)));
        }

        var legs = Legs(master, context);
        var booked = context.Time(business?.Child("SignatoryCarrierAuthentication")?.Child("ActualDateTime")) ?? issued;
        var consignment = Consignment(house ?? master!, mawb + "/" + hawb, legs, booked, context, houseItems: true, fallback: master);
        return new ManifestDocument(messageId, mawb, function, Arriving(legs), [consignment], context.Warnings);
    }

    private static ManifestDocument FlightManifest(XElement root, string messageId, DocumentFunction function, CargoXmlContext context)
    {
        var movement = root.Child("LogisticsTransportMovement");
        var flight = movement.Text("ID")?.Trim();
        if (string.IsNullOrEmpty(flight))
        {
            throw new IngestRejectedException(IngestIssue.Error("cargoxml.no-flight", "Flight manifest names no flight (LogisticsTransportMovement/ID); send the carrier code and flight number, e.g. KL0591.", context.Where(movement ?? root)));
        }

        ArgumentNullException.ThrowIfNull(movement);

        var carrier = movement.Child("UsedLogisticsTransportMeans").Text("Name")?.Trim() is { Length: > 0 } means && means.Length <= 3 ? means : CarrierOf(flight);
        var departure = movement.Child("DepartureEvent");
        var departed = context.Time(departure?.Child("DepartureOccurrenceDateTime") ?? departure?.Child("ScheduledOccurrenceDateTime"));
        var from = context.Place(departure?.Child("OccurrenceDepartureLocation")?.Child("ID"));
        var calls = new List<CallRecord>();
        if (from is not null)
        {
            calls.Add(new CallRecord(from, null, departed));
        }

        var consignments = new List<ConsignmentRecord>();
        foreach (var arrival in movement.Elements().Where(e => e.Name.LocalName == "ArrivalEvent"))
        {
            var at = context.Place(arrival.Child("OccurrenceArrivalLocation")?.Child("ID"));
            var arrived = context.Time(arrival.Child("ArrivalOccurrenceDateTime") ?? arrival.Child("ScheduledOccurrenceDateTime"));
            if (at is not null)
            {
                calls.Add(new CallRecord(at, arrived, null));
            }

            foreach (var master in arrival.Descendants().Where(e => e.Name.LocalName == "IncludedMasterConsignment"))
            {
                var awb = context.Awb(master.Child("TransportContractDocument")?.Child("ID"), master, "XFFM");
                var legs = new List<Leg> { new(carrier, flight, from, at, departed, arrived) };
                consignments.Add(Consignment(master, awb, legs, departed, context, houseItems: false));
            }
        }

        var reference = departed is { } d ? flight + "/" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : flight;
        var document = new MovementRecord(TransportMode.Air, carrier, reference, movement.Child("UsedLogisticsTransportMeans").Text("Type"), movement.Child("UsedLogisticsTransportMeans").Text("ID"), calls);
        return new ManifestDocument(messageId, reference, function, document, consignments, context.Warnings);
    }

    private sealed record Leg(string Carrier, string Flight, string? From, string? To, DateTime? Departs, DateTime? Arrives);

    private static List<Leg> Legs(XElement? consignment, CargoXmlContext context)
    {
        var legs = new List<(int Sequence, Leg Leg)>();
        foreach (var movement in consignment?.Elements().Where(e => e.Name.LocalName == "SpecifiedLogisticsTransportMovement") ?? [])
        {
            var flight = movement.Text("ID")?.Trim();
            if (string.IsNullOrEmpty(flight))
            {
                context.Warn("cargoxml.leg-without-flight", "A routing leg has no flight number (SpecifiedLogisticsTransportMovement/ID); the leg was left out.", movement);
                continue;
            }

            var carrier = movement.Child("UsedLogisticsTransportMeans").Text("Name")?.Trim() is { Length: 2 or 3 } name ? name : CarrierOf(flight);
            var departure = movement.Child("DepartureEvent");
            var arrival = movement.Child("ArrivalEvent");
            var sequence = int.TryParse(movement.Text("SequenceNumeric"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : legs.Count + 1;
            legs.Add((sequence, new Leg(
                carrier,
                flight,
                context.Place(departure?.Child("OccurrenceDepartureLocation")?.Child("ID")),
                context.Place(arrival?.Child("OccurrenceArrivalLocation")?.Child("ID")),
                context.Time(departure?.Child("ScheduledOccurrenceDateTime") ?? departure?.Child("DepartureOccurrenceDateTime")),
                context.Time(arrival?.Child("ScheduledOccurrenceDateTime") ?? arrival?.Child("ArrivalOccurrenceDateTime")))));
        }

        return [.. legs.OrderBy(l => l.Sequence).Select(l => l.Leg)];
    }

    /// <summary>The leg that arrives in the Netherlands, else the last one: the flight customs sees.</summary>
    private static MovementRecord Arriving(List<Leg> legs)
    {
        if (legs.Count == 0)
        {
            return new MovementRecord(TransportMode.Air, "", "", null, null, []);
        }

        var leg = legs.LastOrDefault(l => l.To?.StartsWith("NL", StringComparison.Ordinal) == true) ?? legs[^1];
        var reference = leg.Departs is { } d ? leg.Flight + "/" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : leg.Flight;
        var calls = new List<CallRecord>();
        if (leg.From is not null)
        {
            calls.Add(new CallRecord(leg.From, null, leg.Departs));
        }

        if (leg.To is not null)
        {
            calls.Add(new CallRecord(leg.To, leg.Arrives, null));
        }

        return new MovementRecord(TransportMode.Air, leg.Carrier, reference, null, null, calls);
    }

    private static string CarrierOf(string flight) =>
        flight.Length >= 3 && char.IsAsciiLetterOrDigit(flight[0]) && char.IsAsciiLetterOrDigit(flight[1]) ? flight[..2].ToUpperInvariant() : flight;

    private static ConsignmentRecord Consignment(XElement consignment, string reference, List<Leg> legs, DateTime? booked, CargoXmlContext context, bool houseItems, XElement? fallback = null)
    {
        var origin = context.Place(consignment.Child("OriginLocation")?.Child("ID") ?? fallback?.Child("OriginLocation")?.Child("ID"));
        var destination = context.Place(consignment.Child("FinalDestinationLocation")?.Child("ID") ?? fallback?.Child("FinalDestinationLocation")?.Child("ID"));
        var loading = legs.FirstOrDefault()?.From ?? origin;
        var arriving = legs.LastOrDefault(l => l.To?.StartsWith("NL", StringComparison.Ordinal) == true) ?? legs.LastOrDefault();
        var discharge = arriving?.To ?? destination;
        var via = legs.Select(l => l.To).OfType<string>().Where(p => p != discharge && p != destination).Distinct().ToList();
        var route = new RouteRecord(origin != loading ? origin : null, loading, via, discharge, destination != discharge ? destination : null);
        var direction = destination?.StartsWith("NL", StringComparison.Ordinal) == true ? Direction.Import
            : origin?.StartsWith("NL", StringComparison.Ordinal) == true ? Direction.Export
            : legs.Any(l => l.To?.StartsWith("NL", StringComparison.Ordinal) == true) ? Direction.Transit
            : Direction.Import;

        var parties = new List<PartyRecord>();
        var notes = consignment.Elements().Where(e => e.Name.LocalName == "IncludedCustomsNote").ToList();
        AddParty(parties, consignment.Child("ConsignorParty"), PartyRole.Consignor, Eori(notes, "SHP"), context);
        AddParty(parties, consignment.Child("ConsigneeParty"), PartyRole.Consignee, Eori(notes, "CNE"), context);
        AddParty(parties, consignment.Child("FreightForwarderParty"), PartyRole.Forwarder, Eori(notes, "FFW"), context);
        AddParty(parties, consignment.Child("NotifyParty") ?? Associated(consignment, "NI", "N1"), PartyRole.Notify, Eori(notes, "NFY"), context);
        AddParty(parties, Associated(consignment, "CB", "DT", "DE"), PartyRole.Declarant, Eori(notes, "CB"), context);

        var goods = Goods(consignment, houseItems, context);
        var value = context.Amount(consignment.Child("DeclaredValueForCustomsAmount"));
        if (value is { } eur && goods.Count > 0)
        {
            goods[0] = goods[0] with { ValueEur = eur };
        }

        var departed = legs.FirstOrDefault()?.Departs;
        var arrived = arriving?.Arrives;
        return new ConsignmentRecord(reference, ConsignmentKind.AirCargo, direction, null, booked, departed, arrived, null, route, parties, goods, []);
    }

    private static List<GoodsRecord> Goods(XElement consignment, bool houseItems, CargoXmlContext context)
    {
        var itemName = houseItems ? "IncludedHouseConsignmentItem" : "IncludedMasterConsignmentItem";
        var items = consignment.Descendants().Where(e => e.Name.LocalName == itemName || e.Name.LocalName == "IncludedConsignmentItem").ToList();
        var goods = new List<GoodsRecord>();
        foreach (var item in items)
        {
            var line = int.TryParse(item.Text("SequenceNumeric"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : goods.Count + 1;
            var description = item.Child("NatureIdentificationTransportCargo").Text("Identification");
            var hs = context.Hs(item.Child("TypeCode"));
            var gross = context.Kilograms(item.Child("GrossWeightMeasure"));
            if (description is null && gross is null && goods.Count > 0)
            {
                // A rating continuation line (dimensions, volume, "NDA", a further HS code) of the goods above.
                if (hs is not null)
                {
                    goods.Add(goods[^1] with { LineNumber = line, HsCode = hs, Packages = 0, GrossKg = null });
                }

                continue;
            }

            goods.Add(new GoodsRecord(
                line,
                hs,
                Clean(description ?? item.Text("Information") ?? consignment.Text("SummaryDescription") ?? ""),
                context.Count(item.Child("PieceQuantity")) ?? context.Count(item.Child("PackageQuantity")) ?? 0,
                null,
                gross,
                null,
                null));
        }

        if (goods.Count > 0 && goods.All(g => g.GrossKg is null)
            && context.Kilograms(consignment.Child("IncludedTareGrossWeightMeasure")) is { } total)
        {
            goods[0] = goods[0] with { GrossKg = total };
        }

        if (goods.Count == 0)
        {
            // A manifest line or a house without items: the consignment's own totals are its one goods line.
            var description = consignment.Text("SummaryDescription") ?? consignment.Child("NatureIdentificationTransportCargo").Text("Identification") ?? "";
            goods.Add(new GoodsRecord(
                1,
                null,
                Clean(description),
                context.Count(consignment.Child("TotalPieceQuantity")) ?? 0,
                null,
                context.Kilograms(consignment.Child("IncludedTareGrossWeightMeasure") ?? consignment.Child("GrossWeightMeasure")),
                null,
                null));
        }

        return goods;
    }

    /// <summary>An AssociatedParty by its UN/EDIFACT 3035 role code.</summary>
    private static XElement? Associated(XElement consignment, params string[] roles) =>
        consignment.Elements().FirstOrDefault(e => e.Name.LocalName == "AssociatedParty" && roles.Contains(e.Text("RoleCode")?.Trim(), StringComparer.OrdinalIgnoreCase));

    private static string Clean(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static string? Eori(List<XElement> notes, string subject) =>
        notes.Where(n => n.Text("ContentCode") == "T" && n.Text("SubjectCode") == subject)
            .Select(n => n.Text("Content")?.Trim())
            .FirstOrDefault(c => c is { Length: > 2 and <= 17 } && char.IsAsciiLetterUpper(c[0]) && char.IsAsciiLetterUpper(c[1]));

    private static void AddParty(List<PartyRecord> parties, XElement? party, PartyRole role, string? eori, CargoXmlContext context)
    {
        if (party is null)
        {
            return;
        }

        var name = Clean(party.Text("Name") ?? "");
        var address = party.Child("PostalStructuredAddress") ?? party.Child("FreightForwarderAddress");
        var country = address.Text("CountryID")?.Trim().ToUpperInvariant();
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            context.Warn("cargoxml.country", $"Country '{country}' of the {role.ToString().ToLowerInvariant()} is not an ISO 3166 alpha-2 code; the party was kept without a country.", address!.Child("CountryID")!);
            country = null;
        }

        if (name.Length == 0)
        {
            context.Warn("cargoxml.party-without-name", $"The {role.ToString().ToLowerInvariant()} has no name; it was left out.", party);
            return;
        }

        parties.Add(new PartyRecord(role, name, country, eori, null));
    }

    private static DocumentFunction Function(XElement? header, CargoXmlContext context)
    {
        var purpose = header?.Child("PurposeCode");
        switch (purpose?.Value.Trim())
        {
            case null or "" or "Creation":
                return DocumentFunction.Original;
            case "Update":
                return DocumentFunction.Replace;
            case "Deletion":
                return DocumentFunction.Cancel;
            default:
                context.Warn("cargoxml.purpose", $"Purpose code '{purpose.Value}' is not Creation, Update or Deletion; the message was read as a creation.", purpose);
                return DocumentFunction.Original;
        }
    }
}

internal static class XmlNavigation
{
    public static XElement? Child(this XElement? element, string localName)
    {
        if (element is null)
        {
            return null;
        }

        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == localName)
            {
                return child;
            }
        }

        return null;
    }

    public static string? Text(this XElement? element, string localName) => element.Child(localName)?.Value;
}
