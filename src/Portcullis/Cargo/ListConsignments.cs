using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Cargo;

/// <summary>REST: consignments of one hub arriving on one day, newest first, paged.</summary>
public static class ListConsignments
{
    public sealed record ConsignmentRow(Guid Id, string Reference, string Kind, string HubCode, DateTime ArrivedAt, string OriginCountry, string PortOfLoading, IReadOnlyList<string> TransshipmentPorts, string? Consignee, string? MainHsCode, string? MainDescription, int Containers, double GrossKg);

    public sealed record ConsignmentPage(string HubCode, DateOnly Date, int Total, int Skip, IReadOnlyList<ConsignmentRow> Items);

    public const int MaxTake = 500;

    public static async Task<Results<Ok<ConsignmentPage>, ProblemHttpResult>> HandleAsync(HttpContext context, PortcullisDb db, TimeProvider clock, string hub, string? date, int? skip, int? take, CancellationToken cancellationToken)
    {
        var known = HubCatalogue.Find(hub);
        if (known is null)
        {
            return TypedResults.Problem($"The hub '{Echo.Of(hub)}' does not exist; use one of {string.Join(", ", HubCatalogue.Codes)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown hub.");
        }

        var user = CurrentUser.From(context.User)!;
        if (!user.CanSeeHub(known.Code))
        {
            return TypedResults.Problem($"Your account is not scoped to hub {known.Code}; ask an administrator if you need it.", statusCode: StatusCodes.Status403Forbidden, title: "Outside your hubs.");
        }

        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return TypedResults.Problem($"The date '{Echo.Of(date)}' is not a date; write it as yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest, title: "Bad date.");
        }

        if (EdgeValidation.Day(day, "date") is { } outside)
        {
            return outside.ToProblem("Bad date.");
        }

        return TypedResults.Ok(await QueryAsync(db, known.Code, day, skip ?? 0, take ?? 100, cancellationToken));
    }

    /// <summary>The page of consignments the API and the consignments page both show. The caller checks the hub scope first.</summary>
    public static async Task<ConsignmentPage> QueryAsync(PortcullisDb db, string hubCode, DateOnly day, int skip, int take, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(take, 1, MaxTake);
        var offset = Math.Max(skip, 0);
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(1);
        var query = db.Consignments.AsNoTracking().Where(c => c.HubCode == hubCode && c.ArrivedAt >= from && c.ArrivedAt < to);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(c => c.ArrivedAt).ThenBy(c => c.Reference)
            .Skip(offset).Take(pageSize)
            .Select(c => new
            {
                c.Id,
                c.Reference,
                c.Kind,
                c.HubCode,
                c.ArrivedAt,
                c.OriginCountry,
                c.Route.PortOfLoading,
                c.Route.TransshipmentPorts,
                Consignee = c.Parties.Where(p => p.Role == PartyRole.Consignee).Select(p => p.Party!.Name).FirstOrDefault(),
                MainLine = c.Goods.OrderByDescending(g => g.ValueEur).Select(g => new { g.HsCode, g.Description }).FirstOrDefault(),
                Containers = c.Equipment.Count,
                c.TotalGrossKg,
            })
            .ToListAsync(cancellationToken);

        var items = rows.Select(r => new ConsignmentRow(r.Id, r.Reference, r.Kind.ToString(), r.HubCode, r.ArrivedAt, r.OriginCountry, r.PortOfLoading,
            r.TransshipmentPorts, r.Consignee, r.MainLine?.HsCode, r.MainLine?.Description, r.Containers, r.TotalGrossKg)).ToList();
        return new ConsignmentPage(hubCode, day, total, offset, items);
    }
}
