using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Imaging.Synthesis;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Imaging;

/// <summary>
/// For `serve --demo`: real-looking scans in the viewer. The most recent scanned container controls
/// get a generated radiograph at their hub, made at the control's scan time (so never before the
/// box was discharged), with the concealment the control found drawn in (its kilograms and place);
/// and a few containers loaded in Latin America get an origin scan from the partner pilot, made
/// before the vessel left, with the arrival scan of the same cargo by our scanner. The scans go
/// through the same import as a scanner's upload. Ground truth is not stored: the demo's outcomes are
/// the control's findings.
/// </summary>
public static class ImagingDemo
{
    public sealed record Summary(int OwnScans, int PartnerScans, int Waiting);

    /// <summary>Controls whose time has come carried to their scan (one per container hub), waiting for the scan analyst's verdict.</summary>
    public const int WaitingForVerdict = 4;

    /// <summary>How many controls get a scan; a 40' reefer takes about half a second to generate.</summary>
    public const int Controls = 14;

    /// <summary>How many of them (loaded in Latin America) also get a partner's origin scan.</summary>
    public const int Pairs = 4;

    private static readonly string[] LatinAmerica = ["BR", "EC", "CO", "PE", "PA", "CR", "DO", "CL", "AR", "UY", "MX", "GY", "SR", "VE"];

    public static async Task<Summary> SetUpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<Database>();
        var clock = services.GetRequiredService<TimeProvider>();
        var store = services.GetRequiredService<IScanStore>();
        var previews = services.GetRequiredService<ScanPreviews>();
        var options = services.GetRequiredService<ImagingOptions>();
        await using var db = database.CreateContext();

        var now = clock.GetUtcNow().UtcDateTime;
        var recent = await db.Selections
            .Where(s => s.UnitKind == UnitKind.Container && s.ScannedAt != null && s.ScannedAt <= now)
            .OrderByDescending(s => s.ScannedAt).ThenBy(s => s.Id)
            .Take(400)
            .ToListAsync(cancellationToken);
        var recentConsignments = recent.SelectMany(c => c.ConsignmentIds).Distinct().ToList();
        var consignments = await db.Consignments.Where(c => recentConsignments.Contains(c.Id)).Include(c => c.Goods).ToDictionaryAsync(c => c.Id, cancellationToken);
        Consignment? ConsignmentOf(SelectionCase control) => control.ConsignmentIds.Select(id => consignments.GetValueOrDefault(id)).FirstOrDefault(c => c is not null);

        // The partner pilot's containers: loaded in Latin America, departed (so the origin scan has a time) before our scan.
        var paired = recent.Where(c => ConsignmentOf(c) is { DepartedAt: { } departed } consignment && IsLatinAmerican(consignment.Route.PortOfLoading) && departed < c.ScannedAt)
            .Take(Pairs).ToList();
        var controls = paired.Concat(recent.Except(paired).Take(Controls - paired.Count)).ToList();
        var ids = controls.Select(c => c.Id).ToList();
        var findings = await db.Findings.Where(f => ids.Contains(f.SelectionId)).ToListAsync(cancellationToken);
        var units = controls.Select(c => c.Unit).ToList();
        var equipment = await db.Equipment.Where(e => units.Contains(e.ContainerNumber)).ToDictionaryAsync(e => e.ContainerNumber, cancellationToken);
        var sites = await db.HubLocations.GroupBy(l => l.HubCode).Select(g => new { g.Key, Code = g.Min(l => l.UnLocode) }).ToDictionaryAsync(g => g.Key, g => g.Code, cancellationToken);

        int own = 0, partner = 0;
        foreach (var control in controls)
        {
            var consignment = ConsignmentOf(control);
            var kind = equipment.TryGetValue(control.Unit, out var box) ? KindOf(box) : ContainerKind.Dry40;
            var commodity = CommodityOf(consignment, kind);
            var found = findings.Where(f => f.SelectionId == control.Id).ToList();
            var concealments = found.Select(f => new ConcealmentRequest(MethodOf(f.Concealment, kind), Math.Clamp(f.Kilograms, 1, 60))).ToList();
            var seed = StableSeed(control.Unit);
            var scene = SceneBuilder.Build(seed, kind, commodity, concealments);
            var origin = paired.Contains(control) ? consignment : null;
            Scan? storedOrigin = null;
            if (origin is not null)
            {
                // The partner scanned the box before loading: the same cargo, without what was added in transit
                // (the demo's concealments are all added after the origin scan, as in most rip-on cases).
                var before = SceneBuilder.Build(seed, kind, commodity, []);
                var originScan = RadiographGenerator.Container(before, ScannerSettings.Mobile4MV, StableSeed(control.Unit + "/origin"), cancellationToken);
                // One mobile scanner per partner port: boxes on the same vessel are scanned half an hour apart.
                var stored = await ImportAsync(db, store, previews, options, clock, originScan.Image, control.Unit, $"{origin.Route.PortOfLoading}-MOBILE-1", origin.Route.PortOfLoading,
                    origin.DepartedAt!.Value.AddHours(-18).AddMinutes(30 * partner), new ImportScan.Sender("partner pilot", null, ScanOrigin.Partner, PartnerOf(origin.Route.PortOfLoading)), cancellationToken);
                if (stored is not null)
                {
                    stored.SelectionId = control.Id;
                    storedOrigin = stored;
                    partner++;
                }
            }

            var arrival = RadiographGenerator.Container(scene, ScannerSettings.Portal6MV, StableSeed(control.Unit + "/arrival"), cancellationToken);
            var scan = await ImportAsync(db, store, previews, options, clock, arrival.Image, control.Unit, $"{control.HubCode}-PORTAL-1", sites.GetValueOrDefault(control.HubCode),
                control.ScannedAt!.Value, new ImportScan.Sender("demo scanner", null, ScanOrigin.Own, null), cancellationToken);
            if (scan is not null)
            {
                scan.SelectionId = control.Id;
                own++;
            }

            await db.SaveChangesAsync(cancellationToken);
            // The demo writes without the unit of work, so no outbox reaction runs: analysed here, origin
            // first, so the arrival scan finds its origin scan to compare with.
            await AnalyseAsync(services, db, [.. new[] { storedOrigin, scan }.OfType<Scan>()], cancellationToken);
        }

        var waiting = await ScanWaitingAsync(services, db, store, previews, options, clock, cancellationToken);
        return new Summary(own, partner, waiting);
    }

    // The simulated inspections stop at controls that could not have ended by now; at each container
    // hub the first of those whose planned time has come and whose container is discharged and ready is
    // scanned (at the hub's scanner, no earlier than planned) and waits for a verdict, so the scan
    // analyst's worklist is not empty.
    private static async Task<int> ScanWaitingAsync(IServiceProvider services, PortcullisDb db, IScanStore store, ScanPreviews previews, ImagingOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var selectionOptions = services.GetRequiredService<SelectionOptions>();
        var open = await db.Selections
            .Where(s => s.UnitKind == UnitKind.Container && (s.State == SelectionState.Selected || s.State == SelectionState.Scheduled)
                && s.PlannedControlAt <= now && s.PlannedControlAt >= now.AddHours(-12))
            .OrderBy(s => s.PlannedControlAt).ThenBy(s => s.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        var states = await Replan.StatesAsync(db, selectionOptions, open, now, cancellationToken);
        var sites = await db.HubLocations.GroupBy(l => l.HubCode).Select(g => new { g.Key, Code = g.Min(l => l.UnLocode) }).ToDictionaryAsync(g => g.Key, g => g.Code, cancellationToken);
        var ready = open.Where(s => states.GetValueOrDefault(s.Id) is { DischargedAt: not null } state && state.ReadyAt <= now)
            .GroupBy(s => s.HubCode).Select(g => g.First()).Take(WaitingForVerdict).ToList();
        var count = 0;
        foreach (var selection in ready)
        {
            var at = selection.PlannedControlAt > states[selection.Id].ReadyAt ? selection.PlannedControlAt : states[selection.Id].ReadyAt;
            var box = await db.Equipment.FirstOrDefaultAsync(e => e.ContainerNumber == selection.Unit, cancellationToken);
            var kind = box is null ? ContainerKind.Dry40 : KindOf(box);
            var image = RadiographGenerator.Container(SceneBuilder.Build(StableSeed(selection.Unit), kind, CommodityOf(null, kind), []),
                ScannerSettings.Portal6MV, StableSeed(selection.Unit + "/arrival"), cancellationToken).Image;
            Inspection.SimulatedInspections.ScanOnly(db, clock, selection, at);
            var scan = await ImportAsync(db, store, previews, options, clock, image, selection.Unit, $"{selection.HubCode}-PORTAL-1", sites.GetValueOrDefault(selection.HubCode), at,
                new ImportScan.Sender("demo scanner", null, ScanOrigin.Own, null), cancellationToken);
            if (scan is not null)
            {
                scan.SelectionId = selection.Id;
                count++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await AnalyseAsync(services, db, scan is null ? [] : [scan], cancellationToken);
        }

        return count;
    }

    private static async Task AnalyseAsync(IServiceProvider services, PortcullisDb db, IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        foreach (var scan in scans)
        {
            await AnalyzeScan.RunAsync(db, services.GetRequiredService<IScanStore>(), services.GetRequiredService<ScanAnalysisModel>(), services.GetRequiredService<TimeProvider>(), scan, AnalyzeScan.JobActor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static async Task<Scan?> ImportAsync(PortcullisDb db, IScanStore store, ScanPreviews previews, ImagingOptions options, TimeProvider clock, ScanImage image, string container,
        string scanner, string? site, DateTime scannedAt, ImportScan.Sender sender, CancellationToken cancellationToken)
    {
        // As a scanner's export that states its encoding would come (`scan generate` writes the same two keys).
        var files = image.Frames.Select((f, i) => new ImportScan.ScanFile($"{container}-{i}.png", ScanPng.Write(f, ScanPng.EncodingText(image.Metadata)))).ToList();
        var outcome = await ImportScan.RunAsync(db, store, previews, options, clock,
            new ImportScan.Request(files, "container", container, scanner, site, new DateTimeOffset(scannedAt, TimeSpan.Zero)), sender, cancellationToken);
        return outcome.Error is null ? outcome.Scan : throw new Hosting.UserFacingException($"The demo scan of {container} was refused: {outcome.Error}");
    }

    private static ContainerKind KindOf(Equipment box) =>
        box.Reefer ? ContainerKind.Reefer40HighCube : box.SizeType.StartsWith('2') ? ContainerKind.Dry20 : ContainerKind.Dry40;

    private static Synthesis.Commodity CommodityOf(Consignment? consignment, ContainerKind kind)
    {
        var hs = consignment?.Goods.OrderByDescending(g => g.GrossKg).Select(g => g.HsCode).FirstOrDefault() ?? "";
        return hs switch
        {
            _ when hs.StartsWith("0803", StringComparison.Ordinal) => Synthesis.Commodity.Bananas,
            _ when hs.StartsWith("0804", StringComparison.Ordinal) || hs.StartsWith("08", StringComparison.Ordinal) => Synthesis.Commodity.Pineapples,
            _ when hs.StartsWith("18", StringComparison.Ordinal) || hs.StartsWith("09", StringComparison.Ordinal) => Synthesis.Commodity.Cocoa,
            _ when hs.StartsWith("84", StringComparison.Ordinal) || hs.StartsWith("85", StringComparison.Ordinal) || hs.StartsWith("87", StringComparison.Ordinal) => Synthesis.Commodity.Machinery,
            _ when hs.StartsWith("44", StringComparison.Ordinal) => Synthesis.Commodity.Timber,
            _ when hs.StartsWith('5') || hs.StartsWith("6", StringComparison.Ordinal) => Synthesis.Commodity.Textiles,
            _ => kind == ContainerKind.Reefer40HighCube ? Synthesis.Commodity.Bananas : Synthesis.Commodity.Textiles,
        };
    }

    private static Synthesis.ConcealmentMethod MethodOf(Domain.Cargo.ConcealmentMethod found, ContainerKind kind) => found switch
    {
        Domain.Cargo.ConcealmentMethod.ReeferMachinery when kind == ContainerKind.Reefer40HighCube => Synthesis.ConcealmentMethod.Machinery,
        Domain.Cargo.ConcealmentMethod.AmongCargoNearDoors => Synthesis.ConcealmentMethod.Doors,
        Domain.Cargo.ConcealmentMethod.ContainerStructure => kind == ContainerKind.Reefer40HighCube ? Synthesis.ConcealmentMethod.Wall : Synthesis.ConcealmentMethod.Floor,
        _ => Synthesis.ConcealmentMethod.Cargo,
    };

    private static bool IsLatinAmerican(string? locode) => locode is { Length: 5 } && LatinAmerica.Contains(locode[..2], StringComparer.Ordinal);

    private static string PartnerOf(string locode) => locode[..2] switch
    {
        "BR" => "Receita Federal do Brasil",
        "EC" => "Servicio Nacional de Aduana del Ecuador",
        "CO" => "DIAN Colombia",
        _ => $"Customs of {locode[..2]}",
    };

    // string.GetHashCode differs per process; the demo's images must be the same on every run.
    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & 0x7fffffff;
    }
}
