using System.Text;
using System.Text.Json.Nodes;

namespace Portcullis.Tests.Ingest.Dcsa;

/// <summary>Hand-made events in the TNT 2.2 (flat) and TNT 3 (metadata + payload) shapes, as the schemas define them.</summary>
internal static class DcsaEvents
{
    public const string Container = "MSKU9070323";

    public static JsonObject V3Equipment(string code, string id = "e-1", string classifier = "ACT", string time = "2025-03-03T10:15:00+01:00") => new()
    {
        ["metadata"] = new JsonObject
        {
            ["eventID"] = id,
            ["eventCreatedDateTime"] = "2025-03-03T10:16:00+01:00",
            ["eventType"] = "EQUIPMENT",
            ["publisher"] = new JsonObject { ["partyName"] = "ECT Delta", ["carrierCode"] = "MSK", ["carrierCodeListProvider"] = "SMDG" },
            ["publisherRole"] = "TR",
        },
        ["payload"] = new JsonObject
        {
            ["eventType"] = "EQUIPMENT",
            ["eventClassifierCode"] = classifier,
            ["eventDateTime"] = time,
            ["equipmentEventTypeCode"] = code,
            ["equipmentReference"] = Container,
            ["emptyIndicatorCode"] = "LADEN",
            ["transportCall"] = new JsonObject
            {
                ["transportCallReference"] = "TC-77",
                ["modeOfTransport"] = "VESSEL",
                ["location"] = new JsonObject { ["locationType"] = "FACI", ["UNLocationCode"] = "NLRTM", ["facilityCode"] = "ECTDE", ["facilityCodeListProvider"] = "SMDG" },
                ["carrierExportVoyageNumber"] = "512W",
                ["carrierImportVoyageNumber"] = "511E",
                ["vessel"] = new JsonObject { ["vesselIMONumber"] = "9321483", ["name"] = "Maersk Example", ["operatorCarrierCode"] = "MAEU" },
            },
            ["seals"] = new JsonArray(new JsonObject { ["number"] = "ML-123456", ["source"] = "CAR" }),
        },
    };

    public static JsonObject V22Equipment(string code, string id = "f-1", string classifier = "ACT", string time = "2025-03-03T09:15:00Z") => new()
    {
        ["eventID"] = id,
        ["eventType"] = "EQUIPMENT",
        ["eventClassifierCode"] = classifier,
        ["eventCreatedDateTime"] = "2025-03-03T09:16:00Z",
        ["eventDateTime"] = time,
        ["equipmentEventTypeCode"] = code,
        ["equipmentReference"] = Container,
        ["ISOEquipmentCode"] = "45G1",
        ["emptyIndicatorCode"] = "LADEN",
        ["eventLocation"] = new JsonObject { ["locationName"] = "Euromax", ["UNLocationCode"] = "NLRTM", ["facilityCode"] = "EUROM", ["facilityCodeListProvider"] = "SMDG" },
        ["transportCall"] = new JsonObject
        {
            ["transportCallID"] = "8b64d20b-523b-4491-b2e5-32cfa5174eed",
            ["carrierVoyageNumber"] = "2106W",
            ["UNLocationCode"] = "NLRTM",
            ["facilityCode"] = "EUROM",
            ["modeOfTransport"] = "RAIL",
            ["vessel"] = new JsonObject { ["vesselIMONumber"] = "9321483", ["vesselName"] = "Emma Example", ["vesselOperatorCarrierCode"] = "MAEU" },
        },
        ["seals"] = new JsonArray(new JsonObject { ["sealNumber"] = "CU-998877", ["sealSource"] = "CUS", ["sealType"] = "BLT" }),
    };

    public static JsonObject V3Transport(string code, string classifier = "ACT") => new()
    {
        ["metadata"] = new JsonObject { ["eventID"] = "t-1", ["eventCreatedDateTime"] = "2025-03-03T06:00:00Z", ["eventType"] = "TRANSPORT" },
        ["payload"] = new JsonObject
        {
            ["eventClassifierCode"] = classifier,
            ["eventDateTime"] = "2025-03-03T05:30:00Z",
            ["transportEventTypeCode"] = code,
            ["transportCall"] = new JsonObject
            {
                ["transportCallReference"] = "TC-9",
                ["modeOfTransport"] = "VESSEL",
                ["location"] = new JsonObject { ["locationType"] = "UNLO", ["UNLocationCode"] = "NLRTM" },
                ["carrierExportVoyageNumber"] = "512W",
                ["carrierImportVoyageNumber"] = "511E",
                ["vessel"] = new JsonObject { ["vesselIMONumber"] = "9321483", ["name"] = "Maersk Example", ["operatorCarrierCode"] = "MAEU" },
            },
        },
    };

    public static JsonObject V22Transport(string code) => new()
    {
        ["eventID"] = "u-1",
        ["eventType"] = "TRANSPORT",
        ["eventClassifierCode"] = "PLN",
        ["eventDateTime"] = "2025-03-04T12:00:00+01:00",
        ["transportEventTypeCode"] = code,
        ["transportCall"] = new JsonObject
        {
            ["transportCallID"] = "call-22",
            ["carrierVoyageNumber"] = "2106W",
            ["UNLocationCode"] = "BEANR",
            ["modeOfTransport"] = "VESSEL",
            ["vessel"] = new JsonObject { ["vesselIMONumber"] = "9321483", ["vesselName"] = "Emma Example", ["vesselOperatorCarrierCode"] = "MAEU" },
        },
    };

    public static JsonObject V3Door(string code, double latitude = 51.95, double longitude = 4.05) => new()
    {
        ["metadata"] = new JsonObject { ["eventID"] = "d-1", ["eventCreatedDateTime"] = "2025-03-03T06:00:00Z", ["eventType"] = "IOT" },
        ["payload"] = new JsonObject
        {
            ["eventClassifierCode"] = "ACT",
            ["eventDateTime"] = "2025-03-03T03:12:09Z",
            ["iotEventTypeCode"] = "DETC",
            ["iotEventCode"] = code,
            ["geoLocation"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude },
            ["equipmentReference"] = Container,
        },
    };

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] Array(params JsonNode[] events) => Bytes(new JsonArray(events));
}
