using System.Globalization;
using System.Text.Json;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Air;

/// <summary>Limits for ONE Record JSON-LD input.</summary>
public sealed record OneRecordOptions
{
    public static OneRecordOptions Default { get; } = new();

    public int MaxDepth { get; init; } = 32;

    public long MaxBytes { get; init; } = 64L * 1024 * 1024;
}

/// <summary>
/// Reads IATA ONE Record logistics objects (data model 3, JSON-LD): a Waybill, a Shipment with its
/// Waybill embedded, or a list or @graph of them; Pieces count towards their shipment. Each waybill
/// becomes one air cargo consignment. Terms are matched by their local name in the ONE Record cargo
/// vocabulary, whatever prefix or @vocab the @context gives; a remote @context is never fetched,
/// only recognised by its IRI. Objects that are only linked (an @id without content) cannot be read
/// here and are warned about.
/// </summary>
public static class OneRecordReader
{
    public const string CargoVocabulary = "https://onerecord.iata.org/ns/cargo";

    private static readonly string[] KnownContexts = [CargoVocabulary, "https://onerecord.iata.org/ns/api", "https://onerecord.iata.org/ns/code-lists"];

    public static IEnumerable<AirItem> Read(byte[] input, OneRecordOptions? options = null)
    {
        options ??= OneRecordOptions.Default;
        if (input.LongLength > options.MaxBytes)
        {
            return [new AirFailed(IngestIssue.Error("onerecord.limit", $"The input is larger than {options.MaxBytes:N0} bytes; send the logistics objects in smaller parts."))];
        }

        if (XmlLoader.FirstInvalidUtf8(input) is var invalid and >= 0)
        {
            return [new AirFailed(IngestIssue.Error("onerecord.encoding", "The input is not valid UTF-8; JSON-LD is sent in UTF-8, so re-send it in UTF-8.", XmlLoader.PositionOf(input, invalid)))];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = options.MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? new InputPosition(ex.BytePositionInLine ?? 0, (int)line + 1, (int)(ex.BytePositionInLine ?? 0) + 1) : null;
            var reason = ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? $"The input nests deeper than {options.MaxDepth} levels; ONE Record objects need far fewer, so flatten or link them."
                : "The input is not well-formed JSON; fix the JSON and send it again.";
            return [new AirFailed(IngestIssue.Error(reason.StartsWith("The input nests", StringComparison.Ordinal) ? "onerecord.limit" : "onerecord.not-json", reason, where))];
        }

        using (document)
        {
            var items = new List<AirItem>();
            var root = document.RootElement;
            var warnings = new List<IngestIssue>();
            var objects = TopLevel(root, warnings).ToList();
            if (objects.Count == 0)
            {
                return [new AirFailed(IngestIssue.Error("onerecord.empty", "The input holds no ONE Record logistics object; send a Waybill or a Shipment with its Waybill."))];
            }

            foreach (var element in objects)
            {
                items.Add(MapObject(element, warnings));
            }

            return items;
        }
    }

    private static IEnumerable<JsonElement> TopLevel(JsonElement root, List<IngestIssue> warnings)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            CheckContext(root, warnings);
            if (root.TryGetProperty("@graph", out var graph) && graph.ValueKind == JsonValueKind.Array)
            {
                return graph.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object);
            }

            return [root];
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            var list = root.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
            list.ForEach(e => CheckContext(e, warnings));
            return list;
        }

        return [];
    }

    private static void CheckContext(JsonElement element, List<IngestIssue> warnings)
    {
        if (!element.TryGetProperty("@context", out var context))
        {
            return;
        }

        var remote = context.ValueKind switch
        {
            JsonValueKind.String => [context.GetString()!],
            JsonValueKind.Array => context.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList(),
            _ => new List<string>(),
        };
        foreach (var iri in remote.Where(i => !KnownContexts.Any(k => i.StartsWith(k, StringComparison.OrdinalIgnoreCase))))
        {
            warnings.Add(IngestIssue.Warning("onerecord.context", $"The @context '{iri}' is not a ONE Record context; it was not fetched, and terms were read by their ONE Record names."));
        }
    }

    private static AirItem MapObject(JsonElement element, List<IngestIssue> shared)
    {
        var raw = element.GetRawText();
        var type = TypeOf(element);
        var warnings = new List<IngestIssue>(shared);
        JsonElement? waybill = type switch
        {
            "Waybill" => element,
            "Shipment" => Embedded(Get(element, "waybill")),
            _ => null,
        };
        var shipment = type == "Shipment" ? element : waybill is { } w ? Embedded(Get(w, "shipment")) : null;
        var label = type ?? "object";
        if (type is not ("Waybill" or "Shipment"))
        {
            return new AirRejected(label, Id(element), IngestIssue.Error("onerecord.unknown-object", $"A ONE Record {label} on its own carries no air waybill; send the Waybill, or the Shipment with its Waybill embedded."), raw);
        }

        if (waybill is null || Text(waybill.Value, "waybillNumber") is not { Length: > 0 } number)
        {
            return new AirRejected(label, Id(element), IngestIssue.Error("onerecord.no-awb", $"The {label} {Id(element) ?? ""} has no waybill number (Waybill waybillPrefix and waybillNumber); embed the Waybill with its number.".Replace("  ", " ", StringComparison.Ordinal)), raw);
        }

        var reference = Awb(Text(waybill.Value, "waybillPrefix"), number, warnings);
        var kind = Code(Get(waybill.Value, "waybillType"))?.ToUpperInvariant();
        if (kind == "HOUSE")
        {
            var master = Embedded(Get(waybill.Value, "masterWaybill"));
            if (master is null || Text(master.Value, "waybillNumber") is not { Length: > 0 } masterNumber)
            {
                return new AirRejected(label, reference, IngestIssue.Error("onerecord.no-master", $"House waybill {reference} names no master waybill with a number (masterWaybill); embed the master Waybill with its prefix and number."), raw);
            }

            reference = Awb(Text(master.Value, "waybillPrefix"), masterNumber, warnings) + "/" + reference;
        }

        var origin = Place(Embedded(Get(waybill.Value, "departureLocation")), warnings);
        var destination = Place(Embedded(Get(waybill.Value, "arrivalLocation")), warnings);
        var parties = new List<PartyRecord>();
        foreach (var party in All(Get(waybill.Value, "involvedParties")).Concat(shipment is { } s ? All(Get(s, "involvedParties")) : []))
        {
            if (PartyOf(party, warnings) is { } record && parties.All(p => p.Role != record.Role))
            {
                parties.Add(record);
            }
        }

        var goods = shipment is { } sh ? Goods(sh, warnings) : [];
        var direction = destination?.StartsWith("NL", StringComparison.Ordinal) == true ? Direction.Import
            : origin?.StartsWith("NL", StringComparison.Ordinal) == true ? Direction.Export : Direction.Import;
        var route = new RouteRecord(null, origin, [], destination, null);
        var consignment = new ConsignmentRecord(reference, ConsignmentKind.AirCargo, direction, null, null, null, null, null, route, parties, goods, []);
        var function = Number(Get(element, "https://onerecord.iata.org/ns/api#hasRevision") ?? Get(element, "hasRevision")) is > 1 ? DocumentFunction.Replace : DocumentFunction.Original;
        var manifest = new ManifestDocument(Id(element) ?? reference, reference.Split('/')[0], function, new MovementRecord(TransportMode.Air, "", "", null, null, []), [consignment], warnings);
        return new AirMessage("ONE Record " + label, manifest, new Lazy<string>(raw), new InputPosition(0, 1, 1), null);
    }

    private static List<GoodsRecord> Goods(JsonElement shipment, List<IngestIssue> warnings)
    {
        var description = Text(shipment, "goodsDescription") ?? "";
        var goods = new List<GoodsRecord>();
        foreach (var piece in All(Get(shipment, "pieces")))
        {
            if (piece.ValueKind != JsonValueKind.Object || piece.EnumerateObject().All(p => p.Name.StartsWith('@')))
            {
                warnings.Add(IngestIssue.Warning("onerecord.linked", $"Piece {Id(piece)} is only linked, not embedded; it is not fetched, so its goods are not on the consignment."));
                continue;
            }

            var hs = All(Get(piece, "contentProducts")).Select(p => Code(Get(p, "hsCode"))).FirstOrDefault(c => c is not null);
            var count = Number(Get(piece, "slac")) is { } slac ? (int)slac : 1;
            goods.Add(new GoodsRecord(goods.Count + 1, Hs(hs, warnings), Text(piece, "goodsDescription") ?? description, count, null, Kilograms(Get(piece, "grossWeight"), warnings), null, null));
        }

        if (goods.Count == 0)
        {
            goods.Add(new GoodsRecord(1, null, description, (int)(Number(Get(shipment, "totalPieceCount")) ?? 0), null, Kilograms(Get(shipment, "totalGrossWeight"), warnings), null, null));
        }
        else if (goods.All(g => g.GrossKg is null) && Kilograms(Get(shipment, "totalGrossWeight"), warnings) is { } total)
        {
            goods[0] = goods[0] with { GrossKg = total };
        }

        return goods;
    }

    private static PartyRecord? PartyOf(JsonElement party, List<IngestIssue> warnings)
    {
        // A code-list IRI may end in "#SHP" or "#ParticipantIdentifier_SHP".
        var code = Code(Get(party, "partyRole"));
        var role = (code?.LastIndexOf('_') is int under and >= 0 ? code[(under + 1)..] : code)?.ToUpperInvariant() switch
        {
            "SHP" => PartyRole.Consignor,
            "CNE" => PartyRole.Consignee,
            "FFW" or "AGT" => PartyRole.Forwarder,
            "NFY" or "NI" => PartyRole.Notify,
            _ => (PartyRole?)null,
        };
        var details = Embedded(Get(party, "partyDetails"));
        var name = details is { } d ? Text(d, "name") : null;
        if (role is null || string.IsNullOrWhiteSpace(name))
        {
            warnings.Add(IngestIssue.Warning("onerecord.party", $"A party with role '{Code(Get(party, "partyRole")) ?? "(none)"}' has no role we map (SHP, CNE, FFW, NFY) or no embedded name; it was left out."));
            return null;
        }

        var address = details is { } o ? Embedded(Get(Embedded(Get(o, "basedAtLocation")) ?? o, "address")) : null;
        var country = address is { } a ? Code(Get(a, "country"))?.ToUpperInvariant() : null;
        return new PartyRecord(role.Value, name.Trim(), country is { Length: 2 } ? country : null, null, null);
    }

    private static string Awb(string? prefix, string number, List<IngestIssue> warnings)
    {
        var text = (prefix ?? "") + "-" + number;
        if (AirWaybillNumber.TryParse(text) is not { } awb)
        {
            warnings.Add(IngestIssue.Warning("onerecord.awb-format", $"Waybill number '{text}' is not a 3-digit prefix and 8-digit serial; it was kept as given."));
            return text.Trim('-');
        }

        if (!awb.CheckDigitValid)
        {
            warnings.Add(IngestIssue.Warning("onerecord.awb-check-digit", $"Waybill number '{awb}' fails its check digit (the eighth serial digit must be the first seven modulo 7); it was kept as given, not corrected."));
        }

        return awb.ToString();
    }

    private static string? Place(JsonElement? location, List<IngestIssue> warnings)
    {
        if (location is not { } l)
        {
            return null;
        }

        var code = All(Get(l, "locationCodes")).Select(c => Code(c)).FirstOrDefault(c => c is not null)?.Trim().ToUpperInvariant();
        if (code is null)
        {
            return null;
        }

        if (code.Length == 3 && Airports.UnLocodeOf(code) is { } locode)
        {
            return locode;
        }

        if (code.Length != 5)
        {
            warnings.Add(IngestIssue.Warning("onerecord.place", $"Location code '{code}' is not an airport code we know nor a UN/LOCODE; it was kept as given."));
        }

        return code;
    }

    private static string? Hs(string? code, List<IngestIssue> warnings)
    {
        if (code is null)
        {
            return null;
        }

        if (Domain.Standards.HsCode.Parse(code) is { Success: true } hs)
        {
            return hs.Value.Value;
        }

        warnings.Add(IngestIssue.Warning("onerecord.hs-code", $"HS code '{code}' is not 6, 8 or 10 digits; the goods were kept without one."));
        return null;
    }

    private static double? Kilograms(JsonElement? value, List<IngestIssue> warnings)
    {
        if (Embedded(value) is not { } v || Number(Get(v, "numericalValue")) is not { } number)
        {
            return null;
        }

        var unit = Code(Get(v, "unit"))?.ToUpperInvariant();
        switch (unit)
        {
            case null or "KGM":
                return number;
            case "LBR":
                return number * 0.45359237;
            default:
                warnings.Add(IngestIssue.Warning("onerecord.weight-unit", $"Weight {number.ToString(CultureInfo.InvariantCulture)} is in unit '{unit}', neither KGM nor LBR; it was left empty."));
                return null;
        }
    }

    // JSON-LD access by local name: "cargo:x", "x" (under @vocab) and the full IRI are the same term.
    private static JsonElement? Get(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            var key = property.Name;
            var local = key.LastIndexOfAny(['#', ':', '/']) is var at and >= 0 ? key[(at + 1)..] : key;
            if (string.Equals(key, name, StringComparison.Ordinal) || string.Equals(local, name, StringComparison.Ordinal))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static JsonElement? Embedded(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Object } o => o,
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Cast<JsonElement?>().FirstOrDefault(),
        _ => null,
    };

    private static IEnumerable<JsonElement> All(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } o => [o],
        _ => [],
    };

    private static string? TypeOf(JsonElement element)
    {
        var type = Get(element, "@type");
        var names = type switch
        {
            { ValueKind: JsonValueKind.String } s => [s.GetString()!],
            { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            _ => new List<string>(),
        };
        return names.Select(n => n.LastIndexOfAny(['#', ':', '/']) is var at and >= 0 ? n[(at + 1)..] : n).FirstOrDefault(n => n is "Waybill" or "Shipment" or "Piece") ?? names.FirstOrDefault();
    }

    private static string? Id(JsonElement element) => Get(element, "@id") is { ValueKind: JsonValueKind.String } id ? id.GetString()!.Trim() : null;

    private static string? Text(JsonElement element, string name) => Scalar(Get(element, name));

    /// <summary>A string, a number as text, or the @value of a typed literal.</summary>
    private static string? Scalar(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("@value", out var inner) => Scalar(inner),
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(e => Scalar(e)).FirstOrDefault(s => s is not null),
        _ => null,
    };

    private static double? Number(JsonElement? value) =>
        Scalar(value) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A code list value: a CodeListElement's code, a code-list IRI's fragment, or a plain string.</summary>
    private static string? Code(JsonElement? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Object && Get(v, "code") is { } code)
        {
            return Scalar(code);
        }

        var text = v.ValueKind == JsonValueKind.Object ? Id(v) : Scalar(v);
        return text is null ? null : text.LastIndexOfAny(['#', '/']) is var at and >= 0 ? text[(at + 1)..] : text;
    }
}
