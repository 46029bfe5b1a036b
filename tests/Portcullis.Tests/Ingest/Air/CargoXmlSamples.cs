using System.Text;

namespace Portcullis.Tests.Ingest.Air;

/// <summary>Hand-made Cargo-XML for the quirks the public examples do not show.</summary>
internal static class CargoXmlSamples
{
    public static string Waybill(
        string awb = "074-12345675",
        string purpose = "Creation",
        string origin = "NBO",
        string destination = "AMS",
        string flight = "KL0566",
        string departs = "2026-03-02T22:10:00Z",
        string arrives = "2026-03-03T06:05:00Z",
        string weight = "<ram:GrossWeightMeasure unitCode=\"KGM\">512.5</ram:GrossWeightMeasure>",
        string hs = "060311",
        string consignee = "FLORA IMPORT BV",
        string messageId = "MSG-1",
        string extra = "") => $"""
        <rsm:Waybill xmlns:rsm="iata:waybill:1" xmlns:ram="iata:datamodel:3">
          <rsm:MessageHeaderDocument>
            <ram:ID>{messageId}</ram:ID>
            <ram:TypeCode>741</ram:TypeCode>
            <ram:IssueDateTime>2026-03-01T09:00:00Z</ram:IssueDateTime>
            <ram:PurposeCode>{purpose}</ram:PurposeCode>
            <ram:SenderParty><ram:PrimaryID schemeID="C">KLMCARGO</ram:PrimaryID></ram:SenderParty>
          </rsm:MessageHeaderDocument>
          <rsm:BusinessHeaderDocument>
            <ram:ID>{awb}</ram:ID>
          </rsm:BusinessHeaderDocument>
          <rsm:MasterConsignment>
            <ram:TotalPieceQuantity>40</ram:TotalPieceQuantity>
            <ram:ConsignorParty><ram:Name>KENYA FRESH LTD</ram:Name><ram:PostalStructuredAddress><ram:CountryID>KE</ram:CountryID></ram:PostalStructuredAddress></ram:ConsignorParty>
            <ram:ConsigneeParty><ram:Name>{consignee}</ram:Name><ram:PostalStructuredAddress><ram:CountryID>NL</ram:CountryID></ram:PostalStructuredAddress></ram:ConsigneeParty>
            <ram:OriginLocation><ram:ID>{origin}</ram:ID></ram:OriginLocation>
            <ram:FinalDestinationLocation><ram:ID>{destination}</ram:ID></ram:FinalDestinationLocation>
            <ram:SpecifiedLogisticsTransportMovement>
              <ram:ID>{flight}</ram:ID>
              <ram:SequenceNumeric>1</ram:SequenceNumeric>
              <ram:UsedLogisticsTransportMeans><ram:Name>KL</ram:Name></ram:UsedLogisticsTransportMeans>
              <ram:ArrivalEvent><ram:ScheduledOccurrenceDateTime>{arrives}</ram:ScheduledOccurrenceDateTime><ram:OccurrenceArrivalLocation><ram:ID>{destination}</ram:ID></ram:OccurrenceArrivalLocation></ram:ArrivalEvent>
              <ram:DepartureEvent><ram:ScheduledOccurrenceDateTime>{departs}</ram:ScheduledOccurrenceDateTime><ram:OccurrenceDepartureLocation><ram:ID>{origin}</ram:ID></ram:OccurrenceDepartureLocation></ram:DepartureEvent>
            </ram:SpecifiedLogisticsTransportMovement>
            {extra}
            <ram:ApplicableRating>
              <ram:IncludedMasterConsignmentItem>
                <ram:SequenceNumeric>1</ram:SequenceNumeric>
                <ram:TypeCode>{hs}</ram:TypeCode>
                {weight}
                <ram:PieceQuantity>40</ram:PieceQuantity>
                <ram:NatureIdentificationTransportCargo><ram:Identification>FRESH CUT ROSES</ram:Identification></ram:NatureIdentificationTransportCargo>
              </ram:IncludedMasterConsignmentItem>
            </ram:ApplicableRating>
          </rsm:MasterConsignment>
        </rsm:Waybill>
        """;

    public static string FlightManifest(string flight = "KL0566", string departs = "2026-03-02T22:10:00Z", params string[] awbs) => $"""
        <rsm:FlightManifest xmlns:rsm="iata:flightmanifest:1" xmlns:ram="iata:datamodel:3">
          <rsm:MessageHeaderDocument><ram:ID>FFM-{flight}</ram:ID><ram:PurposeCode>Creation</ram:PurposeCode></rsm:MessageHeaderDocument>
          <rsm:LogisticsTransportMovement>
            <ram:ID>{flight}</ram:ID>
            <ram:UsedLogisticsTransportMeans><ram:Name>KL</ram:Name><ram:ID>PH-CKA</ram:ID></ram:UsedLogisticsTransportMeans>
            <ram:DepartureEvent><ram:DepartureOccurrenceDateTime>{departs}</ram:DepartureOccurrenceDateTime><ram:OccurrenceDepartureLocation><ram:ID>NBO</ram:ID></ram:OccurrenceDepartureLocation></ram:DepartureEvent>
            <ram:ArrivalEvent>
              <ram:ArrivalOccurrenceDateTime>2026-03-03T06:05:00Z</ram:ArrivalOccurrenceDateTime>
              <ram:OccurrenceArrivalLocation><ram:ID>AMS</ram:ID></ram:OccurrenceArrivalLocation>
              <ram:AssociatedTransportCargo>
                {string.Concat(awbs.Select(a => $"<ram:IncludedMasterConsignment><ram:GrossWeightMeasure unitCode=\"KGM\">100</ram:GrossWeightMeasure><ram:TotalPieceQuantity>4</ram:TotalPieceQuantity><ram:SummaryDescription>CUT FLOWERS</ram:SummaryDescription><ram:TransportContractDocument><ram:ID>{a}</ram:ID></ram:TransportContractDocument><ram:OriginLocation><ram:ID>NBO</ram:ID></ram:OriginLocation><ram:FinalDestinationLocation><ram:ID>AMS</ram:ID></ram:FinalDestinationLocation></ram:IncludedMasterConsignment>"))}
              </ram:AssociatedTransportCargo>
            </ram:ArrivalEvent>
          </rsm:LogisticsTransportMovement>
        </rsm:FlightManifest>
        """;

    public static byte[] Bytes(params string[] messages) => Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + string.Join("\n", messages));
}
