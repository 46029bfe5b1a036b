using System.Globalization;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>
/// Writes domain consignments as CUSCAR, in the same segment use <see cref="CuscarMapping"/> reads,
/// so that the simulator can play a carrier sending its cargo report.
/// </summary>
public static class CuscarWriter
{
    /// <summary>
    /// One CUSCAR message for one movement and its consignments. <paramref name="parties"/> resolves
    /// party ids; <paramref name="equipment"/> gives size types by container number, when known.
    /// </summary>
    public static void Write(
        EdifactWriter writer,
        string messageReference,
        string documentNumber,
        TransportMovement movement,
        IReadOnlyList<Consignment> consignments,
        IReadOnlyDictionary<Guid, Party> parties,
        IReadOnlyDictionary<string, Equipment>? equipment = null,
        DateTime? documentDate = null,
        DocumentFunction function = DocumentFunction.Original)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentNullException.ThrowIfNull(consignments);
        ArgumentNullException.ThrowIfNull(parties);
        writer.BeginMessage(messageReference, "CUSCAR");
        writer.WriteSegment("BGM", "85", documentNumber, function switch
        {
            DocumentFunction.Replace => "5",
            DocumentFunction.Cancel => "1",
            _ => "9",
        });
        if (documentDate is { } issued)
        {
            writer.WriteSegment("DTM", EdifactDates.Dtm("137", issued));
        }

        WriteTransport(writer, movement);
        foreach (var call in movement.Calls.OrderBy(c => c.Sequence))
        {
            writer.WriteSegment("LOC", "92", EdifactDates.Place(call.UnLocode));
            if (call.Arrival is { } arrival)
            {
                writer.WriteSegment("DTM", EdifactDates.Dtm("178", arrival));
            }

            if (call.Departure is { } departure)
            {
                writer.WriteSegment("DTM", EdifactDates.Dtm("186", departure));
            }
        }

        for (var i = 0; i < consignments.Count; i++)
        {
            WriteConsignment(writer, i + 1, consignments[i], parties, equipment);
        }

        writer.EndMessage();
    }

    /// <summary>
    /// A whole interchange file: one CUSCAR per movement that has consignments, in movement order.
    /// Returns the number of messages written.
    /// </summary>
    public static int WriteInterchange(
        Stream stream,
        InterchangeEnvelope envelope,
        IEnumerable<TransportMovement> movements,
        IEnumerable<Consignment> consignments,
        IReadOnlyDictionary<Guid, Party> parties,
        IReadOnlyDictionary<string, Equipment>? equipment = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var byMovement = consignments.Where(c => c.MovementId is not null).GroupBy(c => c.MovementId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        using var writer = new EdifactWriter(stream, envelope.SyntaxIdentifier, leaveOpen: true);
        writer.BeginInterchange(envelope);
        var count = 0;
        foreach (var movement in movements)
        {
            if (!byMovement.TryGetValue(movement.Id, out var list))
            {
                continue;
            }

            count++;
            var reference = count.ToString(CultureInfo.InvariantCulture);
            Write(writer, reference, $"{envelope.ControlReference}-{reference}", movement, list, parties, equipment, envelope.Prepared);
        }

        writer.EndInterchange();
        return count;
    }

    internal static void WriteTransport(EdifactWriter writer, TransportMovement movement) =>
        writer.WriteSegment(
            "TDT", "20", movement.Reference, EdifactDates.ModeCode(movement.Mode), "",
            EdifactElement.Of(movement.Carrier, "172", "20"), "", "",
            EdifactElement.Of(movement.MeansId, movement.MeansId is null ? null : "146", movement.MeansId is null ? null : "11", movement.MeansName));

    private static void WriteConsignment(EdifactWriter w, int sequence, Consignment c, IReadOnlyDictionary<Guid, Party> parties, IReadOnlyDictionary<string, Equipment>? equipment)
    {
        w.WriteSegment("CNI", sequence.ToString(CultureInfo.InvariantCulture), c.Reference);
        w.WriteSegment("RFF", EdifactElement.Of("BM", c.Reference));
        w.WriteSegment("DTM", EdifactDates.Dtm("171", c.BookedAt));
        if (c.DepartedAt is { } departed)
        {
            w.WriteSegment("DTM", EdifactDates.Dtm("186", departed));
        }

        w.WriteSegment("DTM", EdifactDates.Dtm("178", c.ArrivedAt));
        Loc(w, "88", c.Route.PlaceOfReceipt);
        Loc(w, "9", c.Route.PortOfLoading);
        foreach (var port in c.Route.TransshipmentPorts)
        {
            Loc(w, "13", port);
        }

        Loc(w, "11", c.Route.PortOfDischarge);
        Loc(w, "7", c.Route.PlaceOfDelivery);
        w.WriteSegment("LOC", "27", c.OriginCountry);
        foreach (var link in c.Parties)
        {
            var party = link.Party ?? (parties.TryGetValue(link.PartyId, out var found) ? found : throw new ArgumentException($"Party {link.PartyId} of consignment {c.Reference} is not in the party lookup.", nameof(parties)));
            WriteParty(w, link.Role, party);
        }

        foreach (var line in c.Goods.OrderBy(g => g.LineNumber))
        {
            w.WriteSegment("GID", line.LineNumber.ToString(CultureInfo.InvariantCulture), EdifactElement.Of(line.Packages.ToString(CultureInfo.InvariantCulture), line.PackageType));
            w.WriteSegment("FTX", "AAA", "", "", MappingContext.SplitLines(line.Description, 512, 5));
            w.WriteSegment("MEA", "AAE", "G", EdifactElement.Of("KGM", w.Number(line.GrossKg)));
            w.WriteSegment("MEA", "AAE", "N", EdifactElement.Of("KGM", w.Number(line.NetKg)));
            w.WriteSegment("MOA", EdifactElement.Of("40", w.Number(line.ValueEur), "EUR"));
            w.WriteSegment("PIA", "5", EdifactElement.Of(line.HsCode, "HS"));
        }

        foreach (var box in c.Equipment)
        {
            var sizeType = box.Equipment?.SizeType ?? (equipment is not null && equipment.TryGetValue(box.ContainerNumber, out var known) ? known.SizeType : null);
            w.WriteSegment("EQD", "CN", box.ContainerNumber, EdifactElement.Of(sizeType, sizeType is null ? null : "102", sizeType is null ? null : "5"));
            foreach (var seal in box.SealNumbers)
            {
                w.WriteSegment("SEL", seal, "CA");
            }

            if (box.ReeferSetpointC is { } setpoint)
            {
                w.WriteSegment("TMP", "2", EdifactElement.Of(w.Number(setpoint), "CEL"));
            }
        }
    }

    private static void WriteParty(EdifactWriter w, PartyRole role, Party party)
    {
        var qualifier = role switch
        {
            PartyRole.Consignor => "CZ",
            PartyRole.Consignee => "CN",
            PartyRole.Notify => "N1",
            PartyRole.Forwarder => "FW",
            _ => "DT",
        };
        var id = party.Eori is null ? default : EdifactElement.Of(party.Eori, "EORI", "ZZZ");
        var street = party.Street is { Length: > 0 } s ? MappingContext.SplitLines(s, 35, 4) : [];
        w.WriteSegment("NAD", qualifier, id, "", MappingContext.SplitLines(party.Name, 35, 5), street, party.City ?? "", "", party.Postcode ?? "", party.CountryCode);
        if (party.Phone is { Length: > 0 } || party.Email is { Length: > 0 })
        {
            // CTA+IC (information contact) opens the party's contact group; COM carries each channel.
            w.WriteSegment("CTA", "IC");
            if (party.Phone is { Length: > 0 } phone)
            {
                w.WriteSegment("COM", EdifactElement.Of(phone, "TE"));
            }

            if (party.Email is { Length: > 0 } email)
            {
                w.WriteSegment("COM", EdifactElement.Of(email, "EM"));
            }
        }

        // No D.95B element carries AEO status; a mutually agreed RFF qualifier in the party group does.
        if (party.Aeo != AeoStatus.None)
        {
            w.WriteSegment("RFF", EdifactElement.Of("AEO", party.Aeo.ToString().ToUpperInvariant()));
        }
    }

    private static void Loc(EdifactWriter w, string qualifier, string? locode)
    {
        if (locode is not null)
        {
            w.WriteSegment("LOC", qualifier, EdifactDates.Place(locode));
        }
    }
}

/// <summary>The date, place and mode codes the writers share.</summary>
internal static class EdifactDates
{
    /// <summary>DTM composite in format 203 (minutes) or 204 when the time has seconds.</summary>
    public static EdifactElement Dtm(string qualifier, DateTime at) =>
        at.Second == 0 && at.Millisecond == 0
            ? EdifactElement.Of(qualifier, at.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), "203")
            : EdifactElement.Of(qualifier, at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), "204");

    /// <summary>C517 with a UN/LOCODE: code list 139 (port), agency 6 (UN/ECE).</summary>
    public static EdifactElement Place(string locode) => EdifactElement.Of(locode, "139", "6");

    public static string ModeCode(TransportMode mode) => mode switch
    {
        TransportMode.Road => "3",
        TransportMode.Air => "4",
        TransportMode.Post => "5",
        _ => "1",
    };
}
