using System.Globalization;
using Portcullis.Domain.Cargo;

namespace Portcullis.Ingest.Edifact.Messages;

/// <summary>The designated postal operator that sends the item messages: its code, name and country.</summary>
public sealed record PostalOperator(string Code, string Name, string CountryCode);

/// <summary>
/// Writes postal items as ITMATT, in the segment use <see cref="ItmattMapping"/> reads, so that the
/// simulator can play the postal operator sending its customs pre-advice.
/// </summary>
public static class ItmattWriter
{
    /// <summary>Items per message: large days are split so that no message nears Ingest:MaxMessageBytes.</summary>
    public const int ItemsPerMessage = 1_000;

    public static void Write(
        EdifactWriter writer,
        string messageReference,
        string documentNumber,
        PostalOperator postalOperator,
        IReadOnlyList<Consignment> items,
        IReadOnlyDictionary<Guid, Party> parties,
        DateTime? documentDate = null,
        DocumentFunction function = DocumentFunction.Original)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(postalOperator);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(parties);
        writer.BeginMessage(messageReference, "ITMATT", "1", "1", "UP");
        writer.WriteSegment("BGM", "", documentNumber, function switch
        {
            DocumentFunction.Replace => "5",
            DocumentFunction.Cancel => "1",
            _ => "9",
        });
        if (documentDate is { } issued)
        {
            writer.WriteSegment("DTM", EdifactDates.Dtm("137", issued));
        }

        writer.WriteSegment("NAD", "CA", EdifactElement.Of(postalOperator.Code, "", "ZZZ"), "", postalOperator.Name, "", "", "", "", postalOperator.CountryCode);
        for (var i = 0; i < items.Count; i++)
        {
            WriteItem(writer, i + 1, items[i], parties);
        }

        writer.EndMessage();
    }

    /// <summary>A whole interchange: the postal items in messages of <see cref="ItemsPerMessage"/>. Returns the number of messages.</summary>
    public static int WriteInterchange(Stream stream, InterchangeEnvelope envelope, PostalOperator postalOperator, IEnumerable<Consignment> items, IReadOnlyDictionary<Guid, Party> parties)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var writer = new EdifactWriter(stream, envelope.SyntaxIdentifier, leaveOpen: true);
        writer.BeginInterchange(envelope);
        var count = 0;
        foreach (var chunk in items.Chunk(ItemsPerMessage))
        {
            count++;
            var reference = count.ToString(CultureInfo.InvariantCulture);
            Write(writer, reference, $"{envelope.ControlReference}-{reference}", postalOperator, chunk, parties, envelope.Prepared);
        }

        writer.EndInterchange();
        return count;
    }

    private static void WriteItem(EdifactWriter w, int sequence, Consignment c, IReadOnlyDictionary<Guid, Party> parties)
    {
        w.WriteSegment("CNI", sequence.ToString(CultureInfo.InvariantCulture), c.Reference);
        w.WriteSegment("DTM", EdifactDates.Dtm("137", c.BookedAt));
        w.WriteSegment("DTM", EdifactDates.Dtm("200", c.ArrivedAt));
        if (c.DepartedAt is { } dispatched)
        {
            w.WriteSegment("DTM", EdifactDates.Dtm("186", dispatched));
        }

        Loc(w, "88", c.Route.PlaceOfReceipt);
        Loc(w, "5", c.Route.PortOfLoading);
        if (c.Route.PortOfDischarge != c.Route.PlaceOfDelivery)
        {
            Loc(w, "11", c.Route.PortOfDischarge);
        }

        Loc(w, "7", c.Route.PlaceOfDelivery);
        w.WriteSegment("LOC", "27", c.OriginCountry);
        foreach (var link in c.Parties)
        {
            var party = link.Party ?? (parties.TryGetValue(link.PartyId, out var found) ? found : throw new ArgumentException($"Party {link.PartyId} of item {c.Reference} is not in the party lookup.", nameof(parties)));
            var qualifier = link.Role switch
            {
                PartyRole.Consignor => "CZ",
                PartyRole.Consignee => "CN",
                PartyRole.Declarant => "DT",
                _ => null,
            };
            if (qualifier is not null)
            {
                w.WriteSegment("NAD", qualifier, "", "", MappingContext.SplitLines(party.Name, 35, 5), "", "", "", "", party.CountryCode);
            }
        }

        w.WriteSegment("MEA", "AAE", "G", EdifactElement.Of("KGM", w.Number(c.TotalGrossKg)));
        foreach (var line in c.Goods.OrderBy(g => g.LineNumber))
        {
            // CN 23 gives quantity, net weight and value per content piece; the gross weight is the item's.
            w.WriteSegment("GID", line.LineNumber.ToString(CultureInfo.InvariantCulture), line.Packages.ToString(CultureInfo.InvariantCulture));
            w.WriteSegment("FTX", "AAA", "", "", MappingContext.SplitLines(line.Description, 512, 5));
            w.WriteSegment("PIA", "5", EdifactElement.Of(line.HsCode, "HS"));
            w.WriteSegment("MEA", "AAE", "N", EdifactElement.Of("KGM", w.Number(line.NetKg)));
            w.WriteSegment("MOA", EdifactElement.Of("123", w.Number(line.ValueEur), "EUR"));
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
