namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// A parcel on a scanner's belt seen from above: x along the belt (cm), y across it, every ray
/// vertical through the box's height. <see cref="Contents"/> names the everyday items, for the truth.
/// </summary>
public sealed record ParcelScene(
    string Reference,
    double LengthCm,
    double BeltWidthCm,
    IReadOnlyList<Solid> Solids,
    IReadOnlyList<string> Contents,
    IReadOnlyList<Concealment> Concealments)
{
    public IEnumerable<Solid> AllSolids() => Solids.Concat(Concealments.SelectMany(c => c.Solids));
}
