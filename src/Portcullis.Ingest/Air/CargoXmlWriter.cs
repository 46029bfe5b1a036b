using System.Globalization;
using System.Text;
using System.Xml;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Air;

/// <summary>
/// Writes air cargo as IATA Cargo-XML, in the element use <see cref="CargoXmlReader"/> reads, so
/// that the simulator can play airlines and handlers: one XFWB per master air waybill and one XFFM
/// per flight. Several messages go one after another into one stream (one XML declaration at the
/// start), as the reader accepts them.
/// </summary>
public sealed class CargoXmlWriter : IDisposable
{
    private const string Rsm = "rsm";
    private const string Ram = "ram";
    private const string DataModel = "iata:datamodel:3";

    private readonly XmlWriter _xml;

    public CargoXmlWriter(Stream stream)
    {
        _xml = XmlWriter.Create(stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            ConformanceLevel = ConformanceLevel.Fragment,
            Indent = true,
            CloseOutput = false,
        });
        _xml.WriteProcessingInstruction("xml", "version=\"1.0\" encoding=\"UTF-8\"");
    }

    public int Messages { get; private set; }

    /// <summary>One XFWB for a master air waybill, with the flight legs of its movement.</summary>
    public void Waybill(string messageId, Consignment consignment, TransportMovement? flight, IReadOnlyDictionary<Guid, Party> parties, string sender, DateTime issued)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(parties);
        _xml.WriteStartElement(Rsm, "Waybill", "iata:waybill:1");
        _xml.WriteAttributeString("xmlns", Ram, null, DataModel);
        Header("iata:waybill:1", messageId, "Master Air Waybill", "741", issued, sender);
        _xml.WriteStartElement(Rsm, "BusinessHeaderDocument", "iata:waybill:1");
        Value("ID", consignment.Reference);
        _xml.WriteStartElement(Ram, "SignatoryCarrierAuthentication", DataModel);
        Value("ActualDateTime", Time(consignment.BookedAt));
        Value("Signatory", flight?.Carrier ?? "");
        _xml.WriteStartElement(Ram, "IssueAuthenticationLocation", DataModel);
        Value("Name", Place(consignment.Route.PortOfLoading));
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndElement();

        _xml.WriteStartElement(Rsm, "MasterConsignment", "iata:waybill:1");
        if (consignment.TotalValueEur > 0)
        {
            Measure("DeclaredValueForCustomsAmount", "currencyID", "EUR", consignment.TotalValueEur);
        }

        Measure("IncludedTareGrossWeightMeasure", "unitCode", "KGM", consignment.TotalGrossKg);
        Value("TotalPieceQuantity", consignment.Goods.Sum(g => g.Packages).ToString(CultureInfo.InvariantCulture));
        var notes = new List<(string Subject, string Eori, string Country)>();
        foreach (var link in consignment.Parties.OrderBy(p => p.Role))
        {
            if (!parties.TryGetValue(link.PartyId, out var party))
            {
                continue;
            }

            var (element, address, subject) = link.Role switch
            {
                PartyRole.Consignor => ("ConsignorParty", "PostalStructuredAddress", "SHP"),
                PartyRole.Consignee => ("ConsigneeParty", "PostalStructuredAddress", "CNE"),
                PartyRole.Forwarder => ("FreightForwarderParty", "FreightForwarderAddress", "FFW"),
                PartyRole.Notify => ("AssociatedParty", "PostalStructuredAddress", "NFY"),
                PartyRole.Declarant => ("AssociatedParty", "PostalStructuredAddress", "CB"),
                _ => (null, null, null),
            };
            if (element is null)
            {
                continue;
            }

            _xml.WriteStartElement(Ram, element, DataModel);
            Value("Name", party.Name);
            if (element == "AssociatedParty")
            {
                // UN/EDIFACT 3035 party qualifiers: NI notify party, CB customs broker (the declarant).
                Value("RoleCode", link.Role == PartyRole.Notify ? "NI" : "CB");
            }

            _xml.WriteStartElement(Ram, address!, DataModel);
            Value("CountryID", party.CountryCode);
            _xml.WriteEndElement();
            _xml.WriteEndElement();
            if (party.Eori is { Length: > 0 } eori)
            {
                notes.Add((subject!, eori, party.CountryCode));
            }
        }

        Location("OriginLocation", consignment.Route.PortOfLoading);
        Location("FinalDestinationLocation", consignment.Route.PlaceOfDelivery ?? consignment.Route.PortOfDischarge);
        if (flight is not null)
        {
            var calls = flight.Calls.OrderBy(c => c.Sequence).ToList();
            for (var i = 1; i < calls.Count; i++)
            {
                _xml.WriteStartElement(Ram, "SpecifiedLogisticsTransportMovement", DataModel);
                Value("StageCode", "Main-Carriage");
                Value("ModeCode", "4");
                Value("ID", flight.Reference);
                Value("SequenceNumeric", i.ToString(CultureInfo.InvariantCulture));
                _xml.WriteStartElement(Ram, "UsedLogisticsTransportMeans", DataModel);
                Value("Name", flight.Carrier);
                _xml.WriteEndElement();
                Event("ArrivalEvent", "OccurrenceArrivalLocation", calls[i].Arrival, calls[i].UnLocode);
                Event("DepartureEvent", "OccurrenceDepartureLocation", calls[i - 1].Departure, calls[i - 1].UnLocode);
                _xml.WriteEndElement();
            }
        }

        foreach (var (subject, eori, country) in notes)
        {
            _xml.WriteStartElement(Ram, "IncludedCustomsNote", DataModel);
            Value("ContentCode", "T");
            Value("Content", eori);
            Value("SubjectCode", subject);
            Value("CountryID", country);
            _xml.WriteEndElement();
        }

        _xml.WriteStartElement(Ram, "ApplicableRating", DataModel);
        Value("TypeCode", "F");
        foreach (var line in consignment.Goods.OrderBy(g => g.LineNumber))
        {
            _xml.WriteStartElement(Ram, "IncludedMasterConsignmentItem", DataModel);
            Value("SequenceNumeric", line.LineNumber.ToString(CultureInfo.InvariantCulture));
            if (line.HsCode.Length > 0)
            {
                Value("TypeCode", line.HsCode);
            }

            Measure("GrossWeightMeasure", "unitCode", "KGM", line.GrossKg);
            Value("PieceQuantity", line.Packages.ToString(CultureInfo.InvariantCulture));
            _xml.WriteStartElement(Ram, "NatureIdentificationTransportCargo", DataModel);
            Value("Identification", line.Description);
            _xml.WriteEndElement();
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        Messages++;
    }

    /// <summary>One XFFM for the last leg of a flight (the one arriving at the hub) and the master air waybills on it.</summary>
    public void FlightManifest(string messageId, TransportMovement flight, IReadOnlyList<Consignment> consignments, string sender, DateTime issued)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(consignments);
        var calls = flight.Calls.OrderBy(c => c.Sequence).ToList();
        var from = calls.Count > 1 ? calls[^2] : calls[0];
        var to = calls[^1];
        _xml.WriteStartElement(Rsm, "FlightManifest", "iata:flightmanifest:1");
        _xml.WriteAttributeString("xmlns", Ram, null, DataModel);
        Header("iata:flightmanifest:1", messageId, "Flight Manifest", "122", issued, sender);
        _xml.WriteStartElement(Rsm, "BusinessHeaderDocument", "iata:flightmanifest:1");
        Value("ID", flight.Reference);
        _xml.WriteEndElement();
        _xml.WriteStartElement(Rsm, "LogisticsTransportMovement", "iata:flightmanifest:1");
        Value("StageCode", "Main-Carriage");
        Value("ModeCode", "4");
        Value("ID", flight.Reference);
        _xml.WriteStartElement(Ram, "UsedLogisticsTransportMeans", DataModel);
        Value("Name", flight.Carrier);
        if (flight.MeansId is { Length: > 0 } registration)
        {
            Value("ID", registration);
        }

        if (flight.MeansName is { Length: > 0 } type)
        {
            Value("Type", type);
        }

        _xml.WriteEndElement();
        _xml.WriteStartElement(Ram, "DepartureEvent", DataModel);
        if (from.Departure is { } departed)
        {
            Value("DepartureOccurrenceDateTime", Time(departed));
        }

        _xml.WriteStartElement(Ram, "OccurrenceDepartureLocation", DataModel);
        Value("ID", Place(from.UnLocode));
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteStartElement(Ram, "ArrivalEvent", DataModel);
        if (to.Arrival is { } arrived)
        {
            Value("ArrivalOccurrenceDateTime", Time(arrived));
        }

        _xml.WriteStartElement(Ram, "OccurrenceArrivalLocation", DataModel);
        Value("ID", Place(to.UnLocode));
        _xml.WriteEndElement();
        _xml.WriteStartElement(Ram, "AssociatedTransportCargo", DataModel);
        Value("TypeCode", "BLK");
        foreach (var consignment in consignments)
        {
            _xml.WriteStartElement(Ram, "IncludedMasterConsignment", DataModel);
            Measure("GrossWeightMeasure", "unitCode", "KGM", consignment.TotalGrossKg);
            Value("TotalPieceQuantity", consignment.Goods.Sum(g => g.Packages).ToString(CultureInfo.InvariantCulture));
            Value("SummaryDescription", string.Join(", ", consignment.Goods.Select(g => g.Description).Distinct()));
            _xml.WriteStartElement(Ram, "TransportContractDocument", DataModel);
            Value("ID", consignment.Reference);
            _xml.WriteEndElement();
            Location("OriginLocation", consignment.Route.PortOfLoading);
            Location("FinalDestinationLocation", consignment.Route.PlaceOfDelivery ?? consignment.Route.PortOfDischarge);
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        Messages++;
    }

    public void Dispose()
    {
        _xml.Flush();
        _xml.Dispose();
    }

    private void Header(string ns, string messageId, string name, string typeCode, DateTime issued, string sender)
    {
        _xml.WriteStartElement(Rsm, "MessageHeaderDocument", ns);
        Value("ID", messageId);
        Value("Name", name);
        Value("TypeCode", typeCode);
        Value("IssueDateTime", Time(issued));
        Value("PurposeCode", "Creation");
        Value("VersionID", "3.00");
        _xml.WriteStartElement(Ram, "SenderParty", DataModel);
        _xml.WriteStartElement(Ram, "PrimaryID", DataModel);
        _xml.WriteAttributeString("schemeID", "C");
        _xml.WriteString(sender);
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    private void Event(string element, string location, DateTime? at, string unLocode)
    {
        _xml.WriteStartElement(Ram, element, DataModel);
        if (at is { } time)
        {
            Value("ScheduledOccurrenceDateTime", Time(time));
        }

        _xml.WriteStartElement(Ram, location, DataModel);
        Value("ID", Place(unLocode));
        Value("TypeCode", "Airport");
        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    private void Location(string element, string? unLocode)
    {
        if (string.IsNullOrEmpty(unLocode))
        {
            return;
        }

        _xml.WriteStartElement(Ram, element, DataModel);
        Value("ID", Place(unLocode));
        _xml.WriteEndElement();
    }

    private void Value(string element, string value) => _xml.WriteElementString(Ram, element, DataModel, value);

    private void Measure(string element, string attribute, string unit, double value)
    {
        _xml.WriteStartElement(Ram, element, DataModel);
        _xml.WriteAttributeString(attribute, unit);
        _xml.WriteString(Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture));
        _xml.WriteEndElement();
    }

    /// <summary>The airport's IATA code; a place without a known airport is written as its UN/LOCODE, which the reader accepts too.</summary>
    private static string Place(string unLocode) => Airports.IataOf(unLocode) ?? unLocode;

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
