namespace Portcullis.Domain.Geography;

/// <summary>
/// A consignment's route for the map: the declared stops in their declared order (receipt, loading,
/// transshipments in call order, discharge, delivery) and the places the container was reported at, in
/// time order. Only places in <see cref="PortCatalogue"/> get a position; the others are in
/// <see cref="RoutePlan.Unplaced"/>, by code, once each.
/// </summary>
public static class RoutePlanner
{
    /// <summary>A reported place of the container: an event's UN/LOCODE, when and what.</summary>
    public sealed record Sighting(string Code, DateTime At, string What);

    /// <param name="Code">The UN/LOCODE (without space) when well formed, else the text as declared.</param>
    /// <param name="Kind">receipt, loading, transshipment, discharge, delivery (declared) or the event's type (reported).</param>
    /// <param name="At">When the container was there (reported stops only).</param>
    /// <param name="Port">Its catalogue entry; null when the code is not in the catalogue.</param>
    public sealed record Stop(string Code, string Kind, DateTime? At, Port? Port);

    /// <param name="Declared">The stops as the declaration gives them.</param>
    /// <param name="Reported">The container's reported places in time order; consecutive reports at the same place are one stop (the first).</param>
    /// <param name="Unplaced">Codes of either list that the catalogue does not hold, in first-mention order.</param>
    public sealed record RoutePlan(IReadOnlyList<Stop> Declared, IReadOnlyList<Stop> Reported, IReadOnlyList<string> Unplaced);

    public static RoutePlan Build(string? placeOfReceipt, string portOfLoading, IReadOnlyList<string> transshipmentPorts, string portOfDischarge, string? placeOfDelivery,
        IEnumerable<Sighting> sightings)
    {
        var declared = new List<Stop>();
        // A place of receipt or delivery at the port itself is the same stop, named by its port role (loading, discharge).
        void Declare(string? code, string kind)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return;
            }

            var stop = new Stop(Code(code), kind, null, PortCatalogue.Find(code));
            if (declared.Count > 0 && declared[^1].Code == stop.Code)
            {
                if (declared[^1].Kind == "receipt")
                {
                    declared[^1] = stop;
                }

                return;
            }

            declared.Add(stop);
        }

        Declare(placeOfReceipt, "receipt");
        Declare(portOfLoading, "loading");
        foreach (var port in transshipmentPorts)
        {
            Declare(port, "transshipment");
        }

        Declare(portOfDischarge, "discharge");
        Declare(placeOfDelivery, "delivery");

        var reported = new List<Stop>();
        foreach (var s in sightings.Where(s => !string.IsNullOrWhiteSpace(s.Code)).OrderBy(s => s.At))
        {
            if (reported.Count == 0 || reported[^1].Code != Code(s.Code))
            {
                reported.Add(new Stop(Code(s.Code), s.What, s.At, PortCatalogue.Find(s.Code)));
            }
        }

        var unplaced = declared.Concat(reported).Where(s => s.Port is null).Select(s => s.Code).Distinct(StringComparer.Ordinal).ToList();
        return new RoutePlan(declared, reported, unplaced);
    }

    // The catalogue's form when the code is well formed; otherwise the text as it came (trimmed), so it is still listed.
    private static string Code(string code) => PortCatalogue.Normalise(code) ?? code.Trim();
}
