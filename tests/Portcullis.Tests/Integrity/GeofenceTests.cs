using Portcullis.Integrity.Geofences;

namespace Portcullis.Tests.Integrity;

public sealed class GeofenceTests
{
    // A 1 km square on the Maasvlakte with a 200 m square hole in its middle; the west border is at 4.0° E.
    internal const double West = 4.0;
    internal const double South = 51.95;
    internal static readonly double MetreLon = 1 / (111_320 * Math.Cos(51.9545 * Math.PI / 180));
    internal const double MetreLat = 1 / 111_320.0;
    internal static readonly double East = West + 1000 * MetreLon;
    internal const double North = South + 1000 * MetreLat;

    internal static string SquareJson(string name = "Secure", string kind = "secured-area", bool hole = true)
    {
        var holeRing = hole
            ? $",[[{West + 400 * MetreLon},{South + 400 * MetreLat}],[{West + 600 * MetreLon},{South + 400 * MetreLat}],[{West + 600 * MetreLon},{South + 600 * MetreLat}],[{West + 400 * MetreLon},{South + 600 * MetreLat}],[{West + 400 * MetreLon},{South + 400 * MetreLat}]]"
            : "";
        return $$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"{{{name}}}","kind":"{{{kind}}}"},
             "geometry":{"type":"Polygon","coordinates":[[[{{{West}}},{{{South}}}],[{{{East}}},{{{South}}}],[{{{East}}},{{{North}}}],[{{{West}}},{{{North}}}],[{{{West}}},{{{South}}}]]{{{holeRing}}}]}}]}
            """;
    }

    internal static Zone Square(string kind = "secured-area", bool hole = true)
    {
        var shapes = GeofenceGeoJson.Read(SquareJson(kind: kind, hole: hole));
        Assert.Null(shapes.Error);
        var shape = Assert.Single(shapes.Zones);
        return new Zone("z1", "RTM", shape.Name, shape.Kind, shape.Area);
    }

    /// <summary>A point east of the west border by <paramref name="metres"/> (negative: west, outside), halfway up.</summary>
    internal static (double Lat, double Lon) FromWestBorder(double metres) => (South + 200 * MetreLat, West + metres * MetreLon);

    [Fact]
    public void A_point_exactly_on_the_border_is_on_the_border_even_without_a_band()
    {
        var zone = Square();
        Assert.Equal(FixPlacement.Border, zone.Place(South + 200 * MetreLat, West, bandMetres: 0));
    }

    [Theory]
    [InlineData(50, FixPlacement.Inside)]
    [InlineData(20, FixPlacement.Border)]
    [InlineData(-20, FixPlacement.Border)]
    [InlineData(-50, FixPlacement.Outside)]
    public void The_band_around_the_border_counts_for_neither_side(double metresInside, FixPlacement expected)
    {
        var (lat, lon) = FromWestBorder(metresInside);
        Assert.Equal(expected, Square().Place(lat, lon, bandMetres: 30));
    }

    [Fact]
    public void A_point_in_a_hole_is_outside_and_the_holes_edge_has_a_band_too()
    {
        var zone = Square();
        Assert.Equal(FixPlacement.Outside, zone.Place(South + 500 * MetreLat, West + 500 * MetreLon, 30));
        Assert.Equal(FixPlacement.Border, zone.Place(South + 500 * MetreLat, West + 410 * MetreLon, 30));
        Assert.Equal(FixPlacement.Inside, zone.Place(South + 500 * MetreLat, West + 350 * MetreLon, 30));
        Assert.Equal(FixPlacement.Inside, Square(hole: false).Place(South + 500 * MetreLat, West + 500 * MetreLon, 30));
    }

    [Fact]
    public void The_area_is_measured_in_square_metres_on_the_local_plane()
    {
        Assert.InRange(Square(hole: false).AreaSquareMetres, 999_000, 1_001_000);
        Assert.InRange(Square().AreaSquareMetres, 959_000, 961_000);
    }

    [Fact]
    public void Jitter_across_the_fence_within_the_band_never_crosses()
    {
        var zone = Square();
        var tracker = new FenceTracker();
        var at = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        Assert.Null(tracker.Observe(Place(zone, 100), at, FenceOptions.Default));
        Assert.Equal(FenceSide.Inside, tracker.Side);
        double[] jitter = [12, -8, 25, -22, 3, -28, 15, -5, -18, 9, -27, 20];
        foreach (var metres in jitter.Concat(jitter).Concat(jitter))
        {
            at = at.AddMinutes(1);
            Assert.Null(tracker.Observe(Place(zone, metres), at, FenceOptions.Default));
        }

        Assert.Equal(FenceSide.Inside, tracker.Side);
    }

    [Fact]
    public void One_stray_fix_beyond_the_band_is_not_an_exit()
    {
        var zone = Square();
        var tracker = new FenceTracker();
        var at = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        tracker.Observe(Place(zone, 100), at, FenceOptions.Default);
        Assert.Null(tracker.Observe(Place(zone, -60), at.AddMinutes(1), FenceOptions.Default));
        Assert.Null(tracker.Observe(Place(zone, -60), at.AddMinutes(2), FenceOptions.Default));
        Assert.Null(tracker.Observe(Place(zone, 40), at.AddMinutes(3), FenceOptions.Default));
        Assert.Null(tracker.Observe(Place(zone, -60), at.AddMinutes(4), FenceOptions.Default));
        Assert.Equal(FenceSide.Inside, tracker.Side);
    }

    [Fact]
    public void A_real_exit_is_confirmed_after_three_fixes_over_two_minutes_and_dated_by_the_first()
    {
        var zone = Square();
        var tracker = new FenceTracker();
        var at = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        tracker.Observe(Place(zone, 100), at, FenceOptions.Default);
        Assert.Null(tracker.Observe(Place(zone, -40), at.AddMinutes(1), FenceOptions.Default));
        Assert.Null(tracker.Observe(Place(zone, 0), at.AddMinutes(2), FenceOptions.Default));
        Assert.Null(tracker.Observe(Place(zone, -200), at.AddMinutes(2).AddSeconds(30), FenceOptions.Default));
        var crossing = tracker.Observe(Place(zone, -400), at.AddMinutes(3), FenceOptions.Default);
        Assert.NotNull(crossing);
        Assert.Equal(FenceSide.Outside, crossing.To);
        Assert.Equal(at.AddMinutes(1), crossing.At);
        Assert.Equal(at.AddMinutes(3), crossing.ConfirmedAt);
        Assert.Equal(FenceSide.Outside, tracker.Side);
    }

    [Fact]
    public void Three_fixes_in_one_burst_are_not_enough_dwell()
    {
        var zone = Square();
        var tracker = new FenceTracker();
        var at = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        tracker.Observe(Place(zone, 100), at, FenceOptions.Default);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Null(tracker.Observe(Place(zone, -100), at.AddSeconds(i), FenceOptions.Default));
        }

        Assert.Equal(FenceSide.Inside, tracker.Side);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[4,52]}""", "FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "no features")]
    [InlineData("not json", "not valid GeoJSON")]
    [InlineData("""{"type":"Feature","properties":{"kind":"depot"},"geometry":{"type":"Polygon","coordinates":[[[4,52],[4.01,52],[4.01,52.01],[4,52]]]}}""", "no \"name\"")]
    [InlineData("""{"type":"Feature","properties":{"name":"A","kind":"car park"},"geometry":{"type":"Polygon","coordinates":[[[4,52],[4.01,52],[4.01,52.01],[4,52]]]}}""", "kind \"car park\"")]
    [InlineData("""{"type":"Feature","properties":{"name":"A","kind":"depot"},"geometry":{"type":"Point","coordinates":[4,52]}}""", "Polygon or MultiPolygon")]
    [InlineData("""{"type":"Feature","properties":{"name":"A","kind":"depot"},"geometry":{"type":"Polygon","coordinates":[[[52,4],[52,95],[52.01,95],[52,4]]]}}""", "latitude -90..90")]
    [InlineData("""{"type":"Feature","properties":{"name":"A","kind":"depot"},"geometry":{"type":"Polygon","coordinates":[[[4,52],[4.01,52.01],[4.01,52],[4,52.01],[4,52]]]}}""", "crosses itself")]
    [InlineData("""{"type":"Feature","properties":{"name":"A","kind":"depot"},"geometry":{"type":"Polygon","coordinates":[[[4,52],[5,52],[5,53],[4,52]]]}}""", "km²")]
    public void Bad_geojson_gets_one_sentence_naming_the_problem(string json, string expected)
    {
        var result = GeofenceGeoJson.Read(json);
        Assert.Empty(result.Zones);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_geometry_reads_back_to_the_same_zone()
    {
        var shape = Assert.Single(GeofenceGeoJson.Read(SquareJson()).Zones);
        var again = GeofenceGeoJson.ReadGeometry(shape.Geometry);
        // The writer turns holes clockwise (RFC 7946 ring orientation): the same shape, not the same sequence.
        Assert.True(again.EqualsTopologically(shape.Area));
        Assert.Equal(shape.Area.Coordinates.Length, again.Coordinates.Length);
        Assert.Equal(ZoneKind.SecuredArea, shape.Kind);
    }

    private static FixPlacement Place(Zone zone, double metresInside)
    {
        var (lat, lon) = FromWestBorder(metresInside);
        return zone.Place(lat, lon, FenceOptions.Default.BandMetres);
    }
}
