using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Portcullis.Integrity.Geofences;

/// <summary>Where a fix lies relative to a zone, allowing for GPS error.</summary>
public enum FixPlacement
{
    /// <summary>Inside, further than the band from the border.</summary>
    Inside,

    /// <summary>Within the band of the border, on either side: neither in nor out for sure.</summary>
    Border,

    /// <summary>Outside, further than the band from the border.</summary>
    Outside,
}

/// <summary>
/// An authorised zone: one polygon (holes allowed) or several, in WGS 84 longitude and latitude.
/// Distances are measured on a local plane centred on the zone (equirectangular: x scaled by the
/// cosine of the centre's latitude), which is within a fraction of a percent for zones of a few
/// kilometres, far below GPS error; a zone is never continent-sized.
/// </summary>
public sealed class Zone
{
    private const double MetresPerDegreeLatitude = 111_320;
    private readonly Geometry projected;
    private readonly Geometry boundary;
    private readonly IPointOnGeometryLocator locator;
    private readonly double centreLon;
    private readonly double centreLat;
    private readonly double metresPerDegreeLon;

    public Zone(string id, string hubCode, string name, ZoneKind kind, Geometry area)
    {
        if (area is not (Polygon or MultiPolygon))
        {
            throw new ArgumentException($"Zone {name} must be a Polygon or MultiPolygon, not a {area.GeometryType}.", nameof(area));
        }

        Id = id;
        HubCode = hubCode;
        Name = name;
        Kind = kind;
        Area = area;
        var envelope = area.EnvelopeInternal;
        centreLon = envelope.Centre.X;
        centreLat = envelope.Centre.Y;
        metresPerDegreeLon = MetresPerDegreeLatitude * Math.Cos(centreLat * Math.PI / 180);
        projected = area.Copy();
        projected.Apply(new Projection(this));
        projected.GeometryChanged();
        boundary = projected.Boundary;
        locator = new IndexedPointInAreaLocator(projected);
    }

    public string Id { get; }

    public string HubCode { get; }

    public string Name { get; }

    public ZoneKind Kind { get; }

    /// <summary>The zone as given, longitude/latitude.</summary>
    public Geometry Area { get; }

    /// <summary>The bounding box in degrees, for a quick first test.</summary>
    public Envelope Envelope => Area.EnvelopeInternal;

    /// <summary>The area in square metres (on the local plane).</summary>
    public double AreaSquareMetres => projected.Area;

    /// <summary>
    /// Where the fix lies. A point exactly on the border, or within <paramref name="bandMetres"/> of
    /// it on either side, is <see cref="FixPlacement.Border"/>; a point in a hole is outside.
    /// </summary>
    public FixPlacement Place(double latitude, double longitude, double bandMetres)
    {
        var (x, y) = Project(longitude, latitude);
        var location = locator.Locate(new Coordinate(x, y));
        if (location == Location.Boundary)
        {
            return FixPlacement.Border;
        }

        if (bandMetres > 0 && boundary.IsWithinDistance(new Point(x, y), bandMetres))
        {
            return FixPlacement.Border;
        }

        return location == Location.Interior ? FixPlacement.Inside : FixPlacement.Outside;
    }

    /// <summary>True when the point is inside or within the band: the benefit of the doubt.</summary>
    public bool Covers(double latitude, double longitude, double bandMetres)
    {
        var degrees = bandMetres / metresPerDegreeLon + bandMetres / MetresPerDegreeLatitude;
        var env = Envelope;
        if (longitude < env.MinX - degrees || longitude > env.MaxX + degrees || latitude < env.MinY - degrees || latitude > env.MaxY + degrees)
        {
            return false;
        }

        return Place(latitude, longitude, bandMetres) != FixPlacement.Outside;
    }

    /// <summary>Distance in metres between two fixes near this zone (or anywhere, roughly).</summary>
    public static double DistanceMetres(double lat1, double lon1, double lat2, double lon2)
    {
        var dy = (lat2 - lat1) * MetresPerDegreeLatitude;
        var dx = (lon2 - lon1) * MetresPerDegreeLatitude * Math.Cos((lat1 + lat2) / 2 * Math.PI / 180);
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private (double X, double Y) Project(double lon, double lat) =>
        ((lon - centreLon) * metresPerDegreeLon, (lat - centreLat) * MetresPerDegreeLatitude);

    private sealed class Projection(Zone zone) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = zone.Project(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
