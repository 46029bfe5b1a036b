using System.Text;

namespace Portcullis.Tests.Ingest.Air;

/// <summary>Hand-made ONE Record (data model 3) waybills, as the ontology and IATA's waybill mapping describe them.</summary>
internal static class OneRecordSamples
{
    public static string Waybill(string prefix = "074", string number = "12345675", string revision = "1", string hs = "060311", string id = "wb-1") => $$"""
        {
          "@context": { "cargo": "https://onerecord.iata.org/ns/cargo#", "api": "https://onerecord.iata.org/ns/api#" },
          "@id": "https://1r.example.com/logistics-objects/{{id}}",
          "@type": "cargo:Waybill",
          "api:hasRevision": {{revision}},
          "cargo:waybillType": { "@id": "https://onerecord.iata.org/ns/cargo#MASTER" },
          "cargo:waybillPrefix": "{{prefix}}",
          "cargo:waybillNumber": "{{number}}",
          "cargo:departureLocation": { "@type": "cargo:Location", "cargo:locationCodes": [{ "@type": "cargo:CodeListElement", "cargo:code": "NBO" }] },
          "cargo:arrivalLocation": { "@type": "cargo:Location", "cargo:locationCodes": [{ "@type": "cargo:CodeListElement", "cargo:code": "AMS" }] },
          "cargo:involvedParties": [
            { "@type": "cargo:Party", "cargo:partyRole": { "@id": "https://onerecord.iata.org/ns/coreCodeLists#ParticipantIdentifier_SHP" },
              "cargo:partyDetails": { "@type": "cargo:Organization", "cargo:name": "KENYA FRESH LTD",
                "cargo:basedAtLocation": { "@type": "cargo:Location", "cargo:address": { "@type": "cargo:Address", "cargo:country": { "@type": "cargo:CodeListElement", "cargo:code": "KE" } } } } },
            { "@type": "cargo:Party", "cargo:partyRole": { "@type": "cargo:CodeListElement", "cargo:code": "CNE" },
              "cargo:partyDetails": { "@type": "cargo:Organization", "cargo:name": "FLORA IMPORT BV" } }
          ],
          "cargo:shipment": {
            "@type": "cargo:Shipment",
            "cargo:goodsDescription": "FRESH CUT ROSES",
            "cargo:totalGrossWeight": { "@type": "cargo:Value", "cargo:unit": { "@id": "https://onerecord.iata.org/ns/code-lists/MeasurementUnitCode#KGM" }, "cargo:numericalValue": { "@type": "http://www.w3.org/2001/XMLSchema#double", "@value": "512.5" } },
            "cargo:pieces": [
              { "@type": "cargo:Piece", "cargo:goodsDescription": "ROSES", "cargo:slac": 40,
                "cargo:contentProducts": [{ "@type": "cargo:Product", "cargo:hsCode": { "@type": "cargo:CodeListElement", "cargo:code": "{{hs}}" } }] }
            ]
          }
        }
        """;

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
