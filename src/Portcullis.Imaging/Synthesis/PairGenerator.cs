namespace Portcullis.Imaging.Synthesis;

/// <summary>
/// The same container scanned at origin and at arrival by two scanners: between the scans the cargo
/// settles a little and a concealment is added, removed, or nothing changes.
/// </summary>
public static class PairGenerator
{
    /// <summary>
    /// A pair from <paramref name="seed"/>. <paramref name="kg"/> and <paramref name="method"/> default to a
    /// random 5–40 kg at a place the kind has; <paramref name="settleCm"/> is the largest shift of a load unit.
    /// </summary>
    public static GeneratedPair Pair(
        int seed,
        ContainerKind kind,
        PairChange change,
        ScannerSettings origin,
        ScannerSettings arrival,
        double settleCm = 2,
        double? kg = null,
        ConcealmentMethod? method = null,
        Commodity? commodity = null,
        CancellationToken cancellationToken = default)
    {
        var random = new SeededRandom(Seeds.Mix(seed, 71));
        var methods = SceneBuilder.MethodsFor(kind);
        var request = new ConcealmentRequest(method ?? methods[random.Next(methods.Count)], kg ?? Math.Round(5 + (random.NextDouble() * 35), 1));
        var before = SceneBuilder.Random(seed, kind, commodity, concealments: 0);
        var withDrugs = SceneBuilder.WithConcealment(before, request, Seeds.Mix(seed, 73));
        var originScene = change == PairChange.Removed ? withDrugs : before;
        var arrivalScene = SceneBuilder.Settled(change == PairChange.Added ? withDrugs : before, settleCm, Seeds.Mix(seed, 79));

        var originScan = RadiographGenerator.Container(originScene, origin, Seeds.Mix(seed, 83), cancellationToken);
        var arrivalScan = RadiographGenerator.Container(arrivalScene, arrival, Seeds.Mix(seed, 89), cancellationToken);
        PixelBox? box = null;
        string? image = null;
        double changedKg = 0;
        if (change != PairChange.None)
        {
            var scene = change == PairChange.Added ? arrivalScene : originScene;
            var settings = change == PairChange.Added ? arrival : origin;
            var scanSeed = change == PairChange.Added ? Seeds.Mix(seed, 89) : Seeds.Mix(seed, 83);
            var grid = RadiographGenerator.Grid(scene.LengthCm, scene.HeightCm, settings, scanSeed);
            var changed = scene.Concealments[^1];
            box = RadiographGenerator.BoxOf(grid, changed.ChangeBounds);
            image = change == PairChange.Added ? "arrival" : "origin";
            changedKg = Math.Round(changed.Kg, 3);
        }

        var truth = new PairTruth(
            originScan.Truth with { SceneSeed = seed },
            arrivalScan.Truth with { SceneSeed = seed },
            change,
            changedKg,
            change == PairChange.None ? null : request.Method,
            box,
            image);
        return new GeneratedPair(originScan.Image, arrivalScan.Image, truth);
    }
}
