namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// A material by its elemental composition (mass fractions summing to 1). Its μ/ρ follows the mixture
/// rule μ/ρ = Σ wᵢ·(μ/ρ)ᵢ. Density is not part of a material: a solid states the bulk density of what it
/// holds (bananas in a box, beans in a bag), because that, not the density of the substance, sets the
/// attenuation.
/// </summary>
public sealed record Material(string Name, IReadOnlyList<(Element Element, double Fraction)> Composition)
{
    public double MassAttenuation(double energyMeV)
    {
        var sum = 0.0;
        foreach (var (element, fraction) in Composition)
        {
            sum += fraction * AttenuationTable.MassAttenuation(element, energyMeV);
        }

        return sum;
    }
}

/// <summary>
/// The materials scenes are built from. Nitrogen (in foam, drugs and textiles) is folded half into carbon
/// and half into oxygen, its neighbours: its μ/ρ lies between theirs at every tabulated energy.
/// </summary>
public static class Materials
{
    public static Material Steel { get; } = new("steel", [(Element.Iron, 0.99), (Element.Carbon, 0.01)]);

    public static Material Aluminium { get; } = new("aluminium", [(Element.Aluminium, 1.0)]);

    public static Material Copper { get; } = new("copper", [(Element.Copper, 1.0)]);

    /// <summary>H₂O.</summary>
    public static Material Water { get; } = new("water", [(Element.Hydrogen, 0.1119), (Element.Oxygen, 0.8881)]);

    /// <summary>Cellulose C₆H₁₀O₅: wood, cardboard, paper, cotton, jute.</summary>
    public static Material Cellulose { get; } = new("cellulose", [(Element.Hydrogen, 0.0622), (Element.Carbon, 0.4445), (Element.Oxygen, 0.4933)]);

    /// <summary>Polyethylene (C₂H₄)ₙ: plastic film, crates, synthetic fibres.</summary>
    public static Material Polyethylene { get; } = new("polyethylene", [(Element.Hydrogen, 0.1437), (Element.Carbon, 0.8563)]);

    /// <summary>Rigid polyurethane foam, about C₂₅H₄₂N₂O₆ by mass: reefer wall insulation.</summary>
    public static Material PolyurethaneFoam { get; } = new("polyurethane foam", [(Element.Hydrogen, 0.085), (Element.Carbon, 0.62), (Element.Oxygen, 0.295)]);

    /// <summary>Fruit and bulbs: three quarters water, the rest sugars and fibre.</summary>
    public static Material Fruit { get; } = new("fruit", [(Element.Hydrogen, 0.0995), (Element.Carbon, 0.1111), (Element.Oxygen, 0.7894)]);

    /// <summary>Sucrose C₁₂H₂₂O₁₁: sweets, sugar.</summary>
    public static Material Sugar { get; } = new("sugar", [(Element.Hydrogen, 0.0648), (Element.Carbon, 0.4211), (Element.Oxygen, 0.5141)]);

    /// <summary>Cocoa beans and ground coffee: fat, protein and fibre (about C₅₀ H₇ O₃₅ N₃ with 5% ash, ash as calcium).</summary>
    public static Material Beans { get; } = new("beans", [(Element.Hydrogen, 0.07), (Element.Carbon, 0.53), (Element.Oxygen, 0.38), (Element.Calcium, 0.02)]);

    /// <summary>
    /// A drug brick or a bag of powder: cocaine hydrochloride C₁₇H₂₂ClNO₄ at 85% with 15% sugar as the cut.
    /// By mass C 57.4%, H 6.5%, O 23.7%, N 3.5%, Cl 8.9% (nitrogen folded as above). The chlorine of the salt
    /// is kept: it lifts the low-energy attenuation of a parcel scanner's beam above that of other organic
    /// matter (photoelectric absorption grows about as Z³), which is what real dual-energy images show.
    /// </summary>
    public static Material Drug { get; } = new("drug", [(Element.Hydrogen, 0.065), (Element.Carbon, 0.592), (Element.Oxygen, 0.254), (Element.Chlorine, 0.089)]);

    /// <summary>
    /// An ecstasy tablet: MDMA hydrochloride C₁₁H₁₆ClNO₂ at 40% with cellulose or lactose binder. By mass
    /// C 49.7%, H 6.5%, O 35.2%, N 2.4%, Cl 6.2% (nitrogen folded as above).
    /// </summary>
    public static Material Tablet { get; } = new("tablet", [(Element.Hydrogen, 0.065), (Element.Carbon, 0.509), (Element.Oxygen, 0.364), (Element.Chlorine, 0.062)]);

    /// <summary>Calcium carbonate tablets with binder: vitamin and mineral supplements.</summary>
    public static Material Calcium { get; } = new("calcium tablets", [(Element.Calcium, 0.30), (Element.Carbon, 0.20), (Element.Oxygen, 0.46), (Element.Hydrogen, 0.04)]);

    /// <summary>Rubber conveyor belt and tyres (about polyisoprene with carbon black).</summary>
    public static Material Rubber { get; } = new("rubber", [(Element.Hydrogen, 0.10), (Element.Carbon, 0.88), (Element.Oxygen, 0.02)]);

    /// <summary>Every material, in a fixed order: the projector's material index.</summary>
    public static IReadOnlyList<Material> All { get; } =
        [Steel, Aluminium, Copper, Water, Cellulose, Polyethylene, PolyurethaneFoam, Fruit, Sugar, Beans, Drug, Calcium, Rubber, Tablet];
}
