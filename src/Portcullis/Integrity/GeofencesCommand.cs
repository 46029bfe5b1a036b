using System.CommandLine;
using Portcullis.Hosting;
using Portcullis.Integrity.Geofences;

namespace Portcullis.Integrity;

/// <summary>`portcullis geofences import FILE --hub H | list`: the authorised zones from the command line, through the same function as the API.</summary>
public static class GeofencesCommand
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public static Command Create()
    {
        var geofences = new Command("geofences", "Authorised zones (GeoJSON polygons) per hub: import, list.");

        var file = new Argument<FileInfo>("file") { Description = "A GeoJSON FeatureCollection of Polygons with the properties name and kind (and hub, when --hub is not given)." };
        var hub = new Option<string?>("--hub") { Description = "The hub the zones belong to, e.g. RTM." };
        var import = new Command("import", "Creates or replaces zones by name; audited.") { file, hub };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new UserFacingException($"There is no file {path.FullName}; give the path of a GeoJSON file.");
            }

            if (path.Length > MaxFileBytes)
            {
                throw new UserFacingException($"{path.Name} is {path.Length / 1024 / 1024} MB, more than {MaxFileBytes / 1024 / 1024} MB; simplify the polygons or split the file per hub.");
            }

            var shapes = GeofenceGeoJson.Read(await File.ReadAllTextAsync(path.FullName, cancellationToken));
            if (shapes.Error is not null)
            {
                throw new UserFacingException($"{path.Name}: {shapes.Error}");
            }

            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var (result, error) = await ImportGeofences.ApplyAsync(app.Db, app.Clock, app.Actor, null, parse.GetValue(hub), shapes.Zones, _ => true, cancellationToken);
            if (error is not null)
            {
                throw new UserFacingException(error);
            }

            await app.CommitAsync(cancellationToken);
            Console.WriteLine($"{path.Name}: {result!.Created} zone(s) created, {result.Replaced} replaced, {result.Unchanged} unchanged.");
            return 0;
        });

        var listHub = new Option<string?>("--hub") { Description = "Only this hub's zones." };
        var retired = new Option<bool>("--retired") { Description = "Include retired zones." };
        var list = new Command("list", "Lists zones.") { listHub, retired };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await PortcullisCli.OpenAsync(parse, cancellationToken);
            var rows = await ListGeofences.QueryAsync(app.Db, parse.GetValue(listHub), parse.GetValue(retired), cancellationToken);
            // Plain lines, one zone each: names are long and a table wraps them on a narrow terminal.
            Console.WriteLine($"{"Hub",-5} {"Kind",-20} {"Version",7} {"Area (ha)",10} {"State",-8} Name (changed, by)");
            foreach (var g in rows)
            {
                var zone = new Zone(g.Id.ToString("N"), g.HubCode, g.Name, g.Kind, GeofenceGeoJson.ReadGeometry(g.Geometry));
                Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{g.HubCode,-5} {GeofenceGeoJson.KindName(g.Kind),-20} {g.Version,7} {zone.AreaSquareMetres / 10_000,10:0.0} {(g.RetiredAt is null ? "active" : "retired"),-8} {g.Name} ({g.ChangedAt:yyyy-MM-dd HH:mm}, {g.ChangedBy})"));
            }
            return 0;
        });

        geofences.Subcommands.Add(import);
        geofences.Subcommands.Add(list);
        return geofences;
    }
}
