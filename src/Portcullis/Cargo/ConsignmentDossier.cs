using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Geography;
using Portcullis.Hosting;
using Portcullis.Monitoring;
using Portcullis.Selection;
using Portcullis.Storage;
using static Portcullis.Cargo.ContainerDossier;

namespace Portcullis.Cargo;

/// <summary>
/// REST and page: everything known about a consignment on one timeline: the declaration (route, goods,
/// parties with their history), its containers with their events and alarms, the risk score with its
/// readable reasons and model version, the controls of the consignment and its containers with why and
/// what they found, and the containers' scans. Each part follows need-to-know as
/// <see cref="ContainerDossier"/> does (the same functions): a part the caller may never see is null.
/// </summary>
public static class ConsignmentDossier
{
    // A container's events belong to this consignment's journey from its booking until this long after arrival
    // (delivery and the empty return); earlier and later voyages of the same box are other consignments'.
    private static readonly TimeSpan AfterArrival = TimeSpan.FromDays(14);

    public sealed record ContainerPart(string Number, string SizeType, bool Reefer, IReadOnlyList<string> Seals, double? ReeferSetpointC, string Link);

    /// <summary>
    /// <c>Risk</c>: null unless a risk reader (<see cref="ContainerDossier.MayReadRisk"/>). <c>Selections</c>: null for those who never see
    /// selections, otherwise those <see cref="Visibility"/> shows now. <c>Alarms</c>: null unless a supervisor. Scans: those
    /// <c>ScanAccess</c> shows. <c>Route</c>: the declared stops and the containers' reported places on this journey, with
    /// places the catalogue does not hold listed by code.
    /// </summary>
    public sealed record Dossier(GetConsignment.ConsignmentView Consignment, IReadOnlyList<PartyHistory.PartyPart> Parties, IReadOnlyList<ContainerPart> Containers,
        IReadOnlyList<GetContainer.ContainerEventView> Events, IReadOnlyList<AlarmPart>? Alarms, IReadOnlyList<RiskPart>? Risk, IReadOnlyList<SelectionPart>? Selections,
        IReadOnlyList<ScanPart> Scans, RoutePlanner.RoutePlan Route, IReadOnlyList<TimelineEntry> Timeline);

    /// <summary>The tables a CSV download can give (<c>?format=csv&amp;table=…</c>), as the page's links name them.</summary>
    public static IReadOnlyList<string> TableNames { get; } = ["timeline", "parties", "goods", "containers", "route"];

    public static async Task<Results<Ok<Dossier>, FileContentHttpResult, ProblemHttpResult>> HandleAsync(Guid id, string? format, string? table, HttpContext context, PortcullisDb db,
        TimeProvider clock, SelectionOptions options, CancellationToken cancellationToken)
    {
        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var name = string.IsNullOrWhiteSpace(table) ? "timeline" : table.Trim().ToLowerInvariant();
        if (csv && !TableNames.Contains(name, StringComparer.Ordinal))
        {
            return TypedResults.Problem($"table '{Echo.Of(table!)}' is unknown; use one of {string.Join(", ", TableNames)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown table.");
        }

        var dossier = await BuildAsync(db, clock, options, CurrentUser.From(context.User)!, id, English, cancellationToken);
        if (dossier is null)
        {
            return TypedResults.Problem($"There is no consignment {id} in your hubs; check the id (a consignment's id, as in /api/v1/consignments).", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Table(dossier, name).ToCsv()), "text/csv", $"consignment-{dossier.Consignment.Reference}-{name}.csv")
            : TypedResults.Ok(dossier);
    }

    /// <summary>One table of the dossier as CSV rows: what the page shows, with times in UTC and numbers invariant.</summary>
    public static CsvTable Table(Dossier d, string name) => name switch
    {
        "parties" => new(name, ["role", "party_id", "name", "country", "eori", "aeo", "first_seen_utc", "earlier_consignments", "more_than_read", "first_arrived_utc", "hubs", "controls", "hits", "seized_kg", "entity", "sanctions"],
            [.. d.Parties.Select(p => (IReadOnlyList<string>)[p.Role, p.Id.ToString(), p.Name, p.Country, p.Eori ?? "", p.Aeo, Utc(p.FirstSeen), p.History.Earlier.ToString(CultureInfo.InvariantCulture), p.History.More ? "yes" : "no",
                p.History.FirstArrived is { } f ? Utc(f) : "", string.Join(" ", p.History.Hubs), p.History.Controls?.Controls.ToString(CultureInfo.InvariantCulture) ?? "",
                p.History.Controls?.Hits.ToString(CultureInfo.InvariantCulture) ?? "", CsvTable.Number(p.History.Controls?.SeizedKg, 1), p.History.Entity?.DisplayName ?? "", p.History.Sanctions ?? ""])]),
        "goods" => new(name, ["line", "hs_code", "description", "packages", "package_type", "gross_kg", "net_kg", "value_eur"],
            [.. d.Consignment.Goods.Select(g => (IReadOnlyList<string>)[g.Line.ToString(CultureInfo.InvariantCulture), g.HsCode, g.Description, g.Packages.ToString(CultureInfo.InvariantCulture),
                g.PackageType, CsvTable.Number(g.GrossKg, 1), CsvTable.Number(g.NetKg, 1), CsvTable.Number(g.ValueEur, 2)])]),
        "containers" => new(name, ["container", "size_type", "reefer", "seals", "reefer_setpoint_c"],
            [.. d.Containers.Select(c => (IReadOnlyList<string>)[c.Number, c.SizeType, c.Reefer ? "yes" : "no", string.Join(" ", c.Seals), CsvTable.Number(c.ReeferSetpointC, 1)])]),
        "route" => new(name, ["part", "order", "locode", "kind", "at_utc", "name", "latitude", "longitude"],
            [.. d.Route.Declared.Select((s, i) => Stop("declared", i, s)).Concat(d.Route.Reported.Select((s, i) => Stop("reported", i, s)))]),
        _ => new(name, ["at_utc", "kind", "code", "title", "detail", "link"],
            [.. d.Timeline.Select(t => (IReadOnlyList<string>)[Utc(t.At), t.Kind, t.Code, t.Title, t.Detail, t.Link ?? ""])]),
    };

    private static IReadOnlyList<string> Stop(string part, int order, RoutePlanner.Stop s) =>
        [part, (order + 1).ToString(CultureInfo.InvariantCulture), s.Code, s.Kind, s.At is { } at ? Utc(at) : "", s.Port?.Name ?? "", CsvTable.Number(s.Port?.Latitude, 3), CsvTable.Number(s.Port?.Longitude, 3)];

    private static string Utc(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// The dossier as this person may see it; null when the consignment is unknown or outside their hubs.
    /// Every score, selection and finding shown is logged as viewed (the caller commits).
    /// </summary>
    public static async Task<Dossier?> BuildAsync(PortcullisDb db, TimeProvider clock, SelectionOptions options, CurrentUser user, Guid id, Wording words, CancellationToken cancellationToken)
    {
        if (await GetConsignment.FindAsync(db, id, user, cancellationToken) is not { } consignment)
        {
            return null;
        }

        var numbers = consignment.Equipment.Select(e => e.ContainerNumber).ToList();
        var from = consignment.BookedAt;
        var until = consignment.ArrivedAt + AfterArrival;
        var events = await db.ContainerEvents.AsNoTracking()
            .Where(e => numbers.Contains(e.ContainerNumber) && e.OccurredAt >= from && e.OccurredAt <= until)
            .OrderBy(e => e.OccurredAt).Take(500)
            .Select(e => new { e.ContainerNumber, View = new GetContainer.ContainerEventView(e.Type.ToString(), e.OccurredAt, e.UnLocode, e.Facility, e.SealNumber, e.Source) })
            .ToListAsync(cancellationToken);

        var timeline = new List<TimelineEntry>(ConsignmentEntries(consignment, words));
        timeline.AddRange(events.SelectMany(e => EventEntries([e.View], words, e.ContainerNumber)));

        var parties = await PartyHistory.OfAsync(db, clock, options, user, consignment.Id, consignment.ArrivedAt, consignment.Parties, cancellationToken);

        var alarms = await AlarmsAsync(db, user, numbers, cancellationToken);
        timeline.AddRange(AlarmEntries(alarms, words));

        var risk = MayReadRisk(user) ? await RiskAsync(db, clock, user, [(consignment.Id, consignment.Reference)], cancellationToken) : null;
        timeline.AddRange(RiskEntries(risk, words));

        var selections = await SelectionsAsync(db, clock, options, user, [consignment.Reference, .. numbers], $"the dossier of consignment {consignment.Reference}", cancellationToken);
        timeline.AddRange(SelectionEntries(selections, words));

        var scans = await ScansAsync(db, clock, options, user, numbers, cancellationToken);
        timeline.AddRange(ScanEntries(scans, words));

        var containers = consignment.Equipment.Select(e => new ContainerPart(e.ContainerNumber, e.SizeType, e.Reefer, e.Seals, e.ReeferSetpointC, $"/containers/{e.ContainerNumber}")).ToList();
        var route = RouteOf(consignment.Route, events.Select(e => e.View));
        return new Dossier(consignment, parties, containers, [.. events.Select(e => e.View)], alarms, risk, selections, scans, route,
            [.. timeline.OrderBy(t => t.At).ThenBy(t => t.Kind, StringComparer.Ordinal)]);
    }
}
