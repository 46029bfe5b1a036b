using System.Globalization;
using Portcullis.Domain.Standards;

namespace Portcullis.Imaging.Synthesis;

/// <summary>Builds container scenes from a seed: the same seed gives the same container, cargo and concealments.</summary>
public static class SceneBuilder
{
    private static readonly string[] Owners = ["MSKU", "MSCU", "CMAU", "HLXU", "SUDU", "ONEU", "TGHU", "CAIU"];

    /// <summary>
    /// A random scene of <paramref name="kind"/> loaded with <paramref name="commodity"/> (null: a commodity
    /// that suits the kind) and <paramref name="concealments"/> concealments of 3–40 kg at places the kind has.
    /// </summary>
    public static ContainerScene Random(int seed, ContainerKind kind, Commodity? commodity = null, int concealments = 1)
    {
        var random = new SeededRandom(Seeds.Mix(seed, 17));
        var methods = MethodsFor(kind);
        var requests = Enumerable.Range(0, concealments)
            .Select(_ => new ConcealmentRequest(methods[random.Next(methods.Count)], Math.Round(3 + (random.NextDouble() * 37), 1)))
            .ToList();
        return Build(seed, kind, commodity ?? TypicalCommodity(kind, random), requests);
    }

    /// <summary>A scene with exactly the requested concealments.</summary>
    public static ContainerScene Build(int seed, ContainerKind kind, Commodity commodity, IReadOnlyList<ConcealmentRequest> requests)
    {
        var random = new SeededRandom(seed);
        var (structure, interior, length, height) = ContainerStructure.Build(kind, random);
        var cargo = CargoLoader.Load(commodity, interior, random);
        var scene = new ContainerScene(kind, commodity, Number(random), length, height, 243.8, structure, cargo, []);
        for (var i = 0; i < requests.Count; i++)
        {
            scene = WithConcealment(scene, requests[i], Seeds.Mix(seed, i, 101));
        }

        return scene;
    }

    /// <summary>The scene with one more concealment (the container's structure and cargo unchanged).</summary>
    public static ContainerScene WithConcealment(ContainerScene scene, ConcealmentRequest request, int seed)
    {
        // The interior depends on the kind only (the random parts of the structure lie outside it).
        var (_, interior, _, _) = ContainerStructure.Build(scene.Kind, new SeededRandom(0));
        var concealment = Concealments.Place(request, scene.Kind, interior, scene.Structure, scene.Cargo, new SeededRandom(seed));
        return scene with { Concealments = [.. scene.Concealments, concealment] };
    }

    /// <summary>
    /// The same container after a voyage: each load unit shifted by up to <paramref name="centimetres"/>
    /// along the container and sunk by up to a third of it (concealments among the cargo move with it).
    /// </summary>
    public static ContainerScene Settled(ContainerScene scene, double centimetres, int seed)
    {
        if (centimetres <= 0)
        {
            return scene;
        }

        var random = new SeededRandom(seed);
        var shifts = new Dictionary<int, (double Dx, double Dy)>();
        (double, double) Shift(int group) => group == 0 ? (0, 0) : shifts.TryGetValue(group, out var s) ? s
            : shifts[group] = ((random.NextDouble() - 0.5) * 2 * centimetres, -random.NextDouble() * centimetres / 3);
        Solid Move(Solid s)
        {
            var (dx, dy) = Shift(s.Group);
            return s.Shifted(dx, dy);
        }

        return scene with
        {
            Cargo = [.. scene.Cargo.Select(Move)],
            Concealments = [.. scene.Concealments.Select(c => c with { Solids = [.. c.Solids.Select(Move)] })],
        };
    }

    /// <summary>Where bricks can go in a container of this kind.</summary>
    public static IReadOnlyList<ConcealmentMethod> MethodsFor(ContainerKind kind) => kind == ContainerKind.Reefer40HighCube
        ? [ConcealmentMethod.Machinery, ConcealmentMethod.Cargo, ConcealmentMethod.Doors, ConcealmentMethod.Floor, ConcealmentMethod.Wall]
        : [ConcealmentMethod.Cargo, ConcealmentMethod.Doors, ConcealmentMethod.Floor, ConcealmentMethod.Wall];

    private static Commodity TypicalCommodity(ContainerKind kind, SeededRandom random) => kind == ContainerKind.Reefer40HighCube
        ? (random.Next(0, 3) == 0 ? Commodity.Pineapples : Commodity.Bananas)
        : new[] { Commodity.Cocoa, Commodity.Machinery, Commodity.Textiles, Commodity.Timber }[random.Next(0, 4)];

    private static string Number(SeededRandom random)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{Owners[random.Next(Owners.Length)]}{random.Next(0, 1_000_000):D6}");
        return prefix + ContainerNumber.ComputeCheckDigit(prefix).ToString(CultureInfo.InvariantCulture);
    }
}
