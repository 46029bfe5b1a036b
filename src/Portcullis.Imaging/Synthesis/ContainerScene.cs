using System.Text.Json.Serialization;

namespace Portcullis.Imaging.Synthesis;

[JsonConverter(typeof(JsonStringEnumConverter<ContainerKind>))]
public enum ContainerKind
{
    Dry20,
    Dry40,

    /// <summary>40' high-cube reefer: insulated walls, the machinery unit at the front end.</summary>
    Reefer40HighCube,
}

[JsonConverter(typeof(JsonStringEnumConverter<Commodity>))]
public enum Commodity
{
    Empty,
    Bananas,
    Pineapples,
    Cocoa,
    Machinery,
    Textiles,
    Timber,
}

/// <summary>Where a concealment sits (containers) or what it is (parcels).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConcealmentMethod>))]
public enum ConcealmentMethod
{
    /// <summary>In the reefer's machinery unit.</summary>
    Machinery,

    /// <summary>Among the cargo, in place of some of it (in a box of fruit, between bags).</summary>
    Cargo,

    /// <summary>A rip-on bag just behind the doors.</summary>
    Doors,

    /// <summary>In the floor: between cross-members, or in a reefer's floor insulation.</summary>
    Floor,

    /// <summary>In a reefer's wall insulation, or behind a false front wall of a dry container.</summary>
    Wall,

    /// <summary>Parcels: ecstasy tablets, as a slab in a bag or a loose pile.</summary>
    Tablets,

    /// <summary>Parcels: a bag of powder.</summary>
    Powder,
}

/// <summary>
/// Hidden drugs: the solids (negative ones remove what the drugs displaced), the total mass and the
/// number of bricks or tablets.
/// </summary>
public sealed record Concealment(ConcealmentMethod Method, IReadOnlyList<Solid> Solids, double Kg, int Count)
{
    /// <summary>Where the drugs are (scene cm): the truth a detector is judged on.</summary>
    public (double X0, double Y0, double X1, double Y1) Bounds
    {
        get
        {
            var drugs = Solids.Where(s => s.Density > 0 && (s.Material == Materials.Drug || s.Material == Materials.Tablet)).ToList();
            return Span(drugs.Count > 0 ? drugs : Solids);
        }
    }

    /// <summary>Everything the concealment changed (bag, displaced cargo, a false wall): where a comparison may see a difference.</summary>
    public (double X0, double Y0, double X1, double Y1) ChangeBounds => Span(Solids);

    private static (double X0, double Y0, double X1, double Y1) Span(IReadOnlyList<Solid> set) =>
        (set.Min(s => s.X0), set.Min(s => s.Y0), set.Max(s => s.X1), set.Max(s => s.Y1));
}

/// <summary>A request for a concealment of about <paramref name="Kg"/> kilograms at a place.</summary>
public sealed record ConcealmentRequest(ConcealmentMethod Method, double Kg);

/// <summary>
/// A loaded container seen from the side: x along its length from the front end (machinery end of a
/// reefer) in cm, y up from the container's underside, every ray crossing the width. Structure never
/// moves; cargo and concealments are separate so that pairs can settle and change them.
/// </summary>
public sealed record ContainerScene(
    ContainerKind Kind,
    Commodity Commodity,
    string ContainerNumber,
    double LengthCm,
    double HeightCm,
    double WidthCm,
    IReadOnlyList<Solid> Structure,
    IReadOnlyList<Solid> Cargo,
    IReadOnlyList<Concealment> Concealments)
{
    public IEnumerable<Solid> AllSolids() => Structure.Concat(Cargo).Concat(Concealments.SelectMany(c => c.Solids));

    public string IsoType => Kind switch
    {
        ContainerKind.Dry20 => "22G1",
        ContainerKind.Dry40 => "42G1",
        _ => "45R1",
    };
}
