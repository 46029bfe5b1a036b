using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Portcullis.Integrity.Geofences;

/// <summary>One zone as read from GeoJSON, before it is stored.</summary>
/// <param name="Name">Unique within the file (and the hub).</param>
/// <param name="Kind">What the zone is for.</param>
/// <param name="Hub">The feature's "hub" property, when it has one (the caller's hub wins when it names one).</param>
/// <param name="Area">The polygon, longitude/latitude.</param>
/// <param name="Geometry">The geometry alone as GeoJSON, the form it is stored in.</param>
public sealed record ZoneShape(string Name, ZoneKind Kind, string? Hub, Geometry Area, string Geometry);

/// <summary>The zones of a file, or the one sentence that says what is wrong with it.</summary>
public sealed record ZoneShapes(IReadOnlyList<ZoneShape> Zones, string? Error)
{
    public static ZoneShapes Fail(string error) => new([], error);
}

/// <summary>
/// Reads authorised zones from GeoJSON (RFC 7946): a FeatureCollection or a single Feature whose
/// geometry is a Polygon or MultiPolygon in WGS 84 longitude/latitude, with the properties "name"
/// and "kind" (terminal, secured-area, scanner-site, depot, consignee-warehouse). Never throws for
/// bad input: the answer names the feature and the fix.
/// </summary>
public static class GeofenceGeoJson
{
    public const int MaxZones = 500;

    /// <summary>A zone larger than this is a mistake (a swapped coordinate, a whole country), not a terminal.</summary>
    public const double MaxAreaSquareKilometres = 200;

    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    public static ZoneShapes Read(string json)
    {
        object? parsed;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var type = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            parsed = type switch
            {
                "FeatureCollection" => JsonSerializer.Deserialize<FeatureCollection>(json, Options),
                "Feature" => JsonSerializer.Deserialize<IFeature>(json, Options),
                _ => null,
            };
            if (parsed is null)
            {
                return ZoneShapes.Fail("The file is not a GeoJSON FeatureCollection or Feature; give one with a Polygon per zone and the properties name and kind.");
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return ZoneShapes.Fail($"The file is not valid GeoJSON ({e.Message.Split('.')[0]}); export it again as RFC 7946 GeoJSON.");
        }

        var features = parsed is FeatureCollection fc ? fc.ToList() : [(IFeature)parsed];
        if (features.Count == 0)
        {
            return ZoneShapes.Fail("The file has no features; add one Polygon feature per zone.");
        }

        if (features.Count > MaxZones)
        {
            return ZoneShapes.Fail($"The file has {features.Count} features, more than {MaxZones}; split it per hub.");
        }

        var zones = new List<ZoneShape>();
        for (var i = 0; i < features.Count; i++)
        {
            var (zone, error) = ReadFeature(features[i], i + 1);
            if (error is not null)
            {
                return ZoneShapes.Fail(error);
            }

            zones.Add(zone!);
        }

        var duplicate = zones.GroupBy(z => z.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? ZoneShapes.Fail($"The name \"{duplicate.Key}\" is used by {duplicate.Count()} features; give each zone its own name.")
            : new ZoneShapes(zones, null);
    }

    /// <summary>Reads one stored geometry (as written by <see cref="Read"/>).</summary>
    public static Geometry ReadGeometry(string geometry) =>
        JsonSerializer.Deserialize<Geometry>(geometry, Options) ?? throw new FormatException("Empty geometry.");

    public static string WriteGeometry(Geometry geometry) => JsonSerializer.Serialize(geometry, Options);

    /// <summary>Parses a kind as written in files ("secured-area") or by name ("SecuredArea").</summary>
    public static ZoneKind? ParseKind(string? text) => text?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "terminal" => ZoneKind.Terminal,
        "securedarea" => ZoneKind.SecuredArea,
        "scannersite" => ZoneKind.ScannerSite,
        "depot" => ZoneKind.Depot,
        "consigneewarehouse" => ZoneKind.ConsigneeWarehouse,
        _ => null,
    };

    /// <summary>The kind as files write it ("secured-area").</summary>
    public static string KindName(ZoneKind kind) => kind switch
    {
        ZoneKind.SecuredArea => "secured-area",
        ZoneKind.ScannerSite => "scanner-site",
        ZoneKind.ConsigneeWarehouse => "consignee-warehouse",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static (ZoneShape? Zone, string? Error) ReadFeature(IFeature feature, int number)
    {
        var attributes = feature.Attributes;
        var name = Text(attributes, "name")?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return (null, $"Feature {number} has no \"name\" property (1 to 100 characters); name each zone.");
        }

        var kindText = Text(attributes, "kind");
        if (ParseKind(kindText) is not { } kind)
        {
            return (null, $"Zone \"{name}\" has kind \"{kindText}\"; use terminal, secured-area, scanner-site, depot or consignee-warehouse.");
        }

        if (feature.Geometry is not (Polygon or MultiPolygon) || feature.Geometry.IsEmpty)
        {
            return (null, $"Zone \"{name}\" is a {feature.Geometry?.GeometryType ?? "feature without geometry"}; draw it as a Polygon or MultiPolygon.");
        }

        var outOfRange = feature.Geometry.Coordinates.FirstOrDefault(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90 || double.IsNaN(c.X) || double.IsNaN(c.Y));
        if (outOfRange is not null)
        {
            return (null, $"Zone \"{name}\" has the point ({outOfRange.X}, {outOfRange.Y}) outside longitude -180..180 and latitude -90..90; GeoJSON gives longitude first.");
        }

        if (!feature.Geometry.IsValid)
        {
            return (null, $"Zone \"{name}\" is not a valid polygon (it crosses itself, or a hole lies outside its shell); redraw it.");
        }

        var area = new Zone("check", "", name, kind, feature.Geometry).AreaSquareMetres / 1e6;
        if (area > MaxAreaSquareKilometres)
        {
            return (null, $"Zone \"{name}\" covers {area:0} km², more than {MaxAreaSquareKilometres:0}; check for a swapped coordinate, or split it.");
        }

        return (new ZoneShape(name, kind, Text(attributes, "hub"), feature.Geometry, WriteGeometry(feature.Geometry)), null);
    }

    private static string? Text(IAttributesTable? attributes, string key) =>
        attributes is not null && attributes.Exists(key) ? attributes[key]?.ToString() : null;
}
