using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Hosting;
using Portcullis.Monitoring;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;

namespace Portcullis.Worklists;

/// <summary>
/// REST and the work page: the targeting team's arrivals of today (Europe/Amsterdam day) at their
/// hubs, highest score first, with the strongest reasons up (<see cref="ReadableReasons"/>, as the
/// risk API says them) and the unit's selection where there is one. Selecting goes through
/// <see cref="ManualSelection"/>, deselecting through the release step of the inspection workflow.
/// </summary>
public static class TargetingWorklist
{
    /// <summary>
    /// What an analyst narrows the list by; null is "any". <c>Lane</c>: an origin country (2 letters)
    /// or a port of loading (UN/LOCODE, 5 characters); <c>Commodity</c>: the start of an HS code (2 to
    /// 10 digits); <c>Party</c>: part of a consignor's, consignee's or other party's name.
    /// </summary>
    public sealed record Filter(string? Hub = null, string? Lane = null, string? Commodity = null, string? Party = null, int? Top = null);

    /// <summary>The unit's selection of the day as the targeting team sees it; <c>Version</c> is what a release must send.</summary>
    public sealed record SelectionRef(Guid Id, string State, string Reason, string Shift, int Version);

    public sealed record Row(Guid ConsignmentId, string Reference, string Hub, DateTime ArrivedAt, string Unit, IReadOnlyList<string> Containers, string OriginCountry,
        string PortOfLoading, IReadOnlyList<string> HsCodes, double Score, int? ModelVersion, IReadOnlyList<ReadableReasons.ReasonView> TopReasons, SelectionRef? Selection);

    public sealed record Worklist(DateOnly Day, IReadOnlyList<string> Hubs, Filter Filter, IReadOnlyList<Row> Rows);

    public const int DefaultTop = 50;
    public const int MaxTop = 500;

    /// <summary>How many reasons each row shows: the strongest that raise the score.</summary>
    public const int TopReasons = 3;

    public static async Task<Results<Ok<Worklist>, FileContentHttpResult, ProblemHttpResult>> GetAsync(string? hub, string? lane, string? commodity, string? party, int? top, string? format,
        PortcullisDb db, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (MonitoringModule.WantsCsv(format, out var formatProblem) is not { } csv)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.");
        }

        var result = await BuildAsync(db, clock, CurrentUser.From(context.User)!, new Filter(hub, lane, commodity, party, top), cancellationToken);
        if (result.Value is not { } list)
        {
            return result.Refusal!.ToProblem("The worklist cannot be shown.");
        }

        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Table(list).ToCsv()), "text/csv", $"targeting-worklist-{CsvTable.Day(list.Day)}.csv")
            : TypedResults.Ok(list);
    }

    /// <summary>The worklist for the filter; every score shown is logged as a view, as the ranking's are. The API and the page call this.</summary>
    public static async Task<Outcome<Worklist>> BuildAsync(PortcullisDb db, TimeProvider clock, CurrentUser user, Filter filter, CancellationToken cancellationToken)
    {
        var hubs = WorklistsModule.HubsOf(user);
        if (Normalise(filter) is not { } clean)
        {
            return Refusal.Invalid(Problem(filter)!);
        }

        if (clean.Hub is { } code)
        {
            if (Domain.Hubs.HubCatalogue.Find(code) is null)
            {
                return Refusal.Invalid($"There is no hub '{Echo.Of(filter.Hub)}'; use one of {string.Join(", ", Domain.Hubs.HubCatalogue.Codes)}.");
            }

            if (!user.CanSeeHub(code))
            {
                return Refusal.Forbidden($"Hub {code} is not one of yours.");
            }

            hubs = [code];
        }

        // Arrivals are a calendar matter: today is the local date, also in the night shift after midnight.
        var day = Shifts.LocalDate(clock.GetUtcNow().UtcDateTime);
        var (from, to) = Shifts.Day(day);
        var arriving = db.Consignments.Where(c => hubs.Contains(c.HubCode) && c.ArrivedAt >= from && c.ArrivedAt < to && c.RetractedAt == null);
        if (clean.Lane is { } lane)
        {
            arriving = arriving.Where(c => c.OriginCountry == lane || c.Route.PortOfLoading == lane);
        }

        if (clean.Commodity is { } prefix)
        {
            arriving = arriving.Where(c => c.Goods.Any(g => g.HsCode.StartsWith(prefix)));
        }

        if (clean.Party is { } name)
        {
            arriving = arriving.Where(c => c.Parties.Any(p => p.Party!.Name.ToUpper().Contains(name)));
        }

        var ids = arriving.Select(c => c.Id);
        var scores = await GetRisk.QueryAsync(db, db.RiskScores.Where(s => ids.Contains(s.ConsignmentId)).OrderByDescending(s => s.Score).Take(clean.Top ?? DefaultTop), cancellationToken);
        scores = [.. scores.OrderByDescending(s => s.Score).ThenBy(s => s.Reference, StringComparer.Ordinal)];
        var shown = scores.Select(s => s.ConsignmentId).ToList();
        var details = await db.Consignments.AsNoTracking().Where(c => shown.Contains(c.Id))
            .Select(c => new { c.Id, c.OriginCountry, c.Route.PortOfLoading, Containers = c.Equipment.Select(e => e.ContainerNumber).ToList(), HsCodes = c.Goods.OrderBy(g => g.LineNumber).Select(g => g.HsCode).ToList() })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var units = scores.Select(s => UnitOf(s.Reference, details[s.ConsignmentId].Containers)).Distinct().ToList();
        var selections = (await db.Selections.AsNoTracking()
                .Where(s => hubs.Contains(s.HubCode) && s.PlanDate == day && units.Contains(s.Unit) && s.State != SelectionState.Released)
                .ToListAsync(cancellationToken))
            .ToDictionary(s => (s.HubCode, s.Unit));
        GetRisk.LogViews(db, clock, user, scores);
        foreach (var s in selections.Values)
        {
            AuditLog.Record(db, clock, user, "view.selection", AuditSubject.Of(s), $"selection {s.Id} in the targeting worklist of {day:yyyy-MM-dd}");
        }

        var rows = scores.Select(s =>
        {
            var d = details[s.ConsignmentId];
            var unit = UnitOf(s.Reference, d.Containers);
            var selection = selections.GetValueOrDefault((s.HubCode, unit));
            return new Row(s.ConsignmentId, s.Reference, s.HubCode, s.ArrivedAt, unit, d.Containers, d.OriginCountry, d.PortOfLoading, d.HsCodes.Distinct().ToList(), s.Score, s.ModelVersion,
                ReadableReasons.Explain(s.Reasons, s.ModelVersion, TopReasons).Raising,
                selection is null ? null : new SelectionRef(selection.Id, selection.State.ToString(), selection.Reason.ToString(), selection.Shift, selection.Version));
        }).ToList();
        return new Worklist(day, hubs, clean with { Party = filter.Party?.Trim() }, rows);
    }

    /// <summary>What a selection of the consignment selects: its container, or the consignment itself when it has none (as the planner does).</summary>
    public static string UnitOf(string reference, IReadOnlyList<string> containers) => containers.Count > 0 ? containers.Min(StringComparer.Ordinal)! : reference;

    /// <summary>The filter in stored form (codes upper case, party upper case for the comparison); null when a field is not valid.</summary>
    public static Filter? Normalise(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Problem(filter) is null
            ? new Filter(Blank(filter.Hub)?.ToUpperInvariant(), Blank(filter.Lane)?.ToUpperInvariant(), Blank(filter.Commodity), Blank(filter.Party)?.ToUpperInvariant(), filter.Top)
            : null;
    }

    /// <summary>One sentence naming the first field that is not valid and how to fix it; null when all are.</summary>
    public static string? Problem(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (Blank(filter.Lane) is { } lane && !(lane.Length is 2 or 5 && lane.All(char.IsAsciiLetterOrDigit)))
        {
            return $"Lane '{Echo.Of(filter.Lane)}' is not an origin country or port of loading; give a 2-letter country code (EC) or a 5-character UN/LOCODE (ECGYE).";
        }

        if (Blank(filter.Commodity) is { } hs && !(hs.Length is >= 2 and <= 10 && hs.All(char.IsAsciiDigit)))
        {
            return $"Commodity '{Echo.Of(filter.Commodity)}' is not the start of an HS code; give 2 to 10 digits (08 for chapter 8, 0803 for bananas).";
        }

        if (Blank(filter.Party) is { Length: > 100 })
        {
            return "The party name is longer than 100 characters; give part of the name.";
        }

        if (filter.Top is < 1 or > MaxTop)
        {
            return $"top {filter.Top} is out of range; give 1 to {MaxTop}.";
        }

        return null;
    }

    public static CsvTable Table(Worklist list) =>
        new("targeting", ["rank", "hub", "reference", "unit", "arrived_utc", "origin_country", "port_of_loading", "hs_codes", "score", "model_version", "top_reasons", "selection_state", "selection_reason"],
            [.. list.Rows.Select((r, i) => (IReadOnlyList<string>)
                [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Hub, r.Reference, r.Unit, InspectorWorklist.Utc(r.ArrivedAt), r.OriginCountry, r.PortOfLoading,
                 string.Join(' ', r.HsCodes), CsvTable.Number(r.Score, 3), r.ModelVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                 string.Join("; ", r.TopReasons.Select(x => x.Explanation)), r.Selection?.State ?? "", r.Selection?.Reason ?? ""])]);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
