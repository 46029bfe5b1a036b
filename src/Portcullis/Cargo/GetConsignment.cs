using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portcullis.Access;
using Portcullis.Storage;

namespace Portcullis.Cargo;

/// <summary>REST: one consignment as declared: route, parties, goods lines and containers with seals.</summary>
public static class GetConsignment
{
    public sealed record PartyView(string Role, Guid Id, string Name, string Country, string? Eori, string Aeo, DateTime FirstSeen);

    public sealed record GoodsView(int Line, string HsCode, string Description, int Packages, string PackageType, double GrossKg, double NetKg, double ValueEur);

    public sealed record EquipmentView(string ContainerNumber, string SizeType, bool Reefer, IReadOnlyList<string> Seals, double? ReeferSetpointC);

    public sealed record RouteView(string? PlaceOfReceipt, string PortOfLoading, IReadOnlyList<string> TransshipmentPorts, string PortOfDischarge, string? PlaceOfDelivery);

    public sealed record ConsignmentView(Guid Id, string Reference, string Kind, string Direction, string HubCode, DateTime BookedAt, DateTime? DepartedAt, DateTime ArrivedAt,
        string OriginCountry, RouteView Route, double TotalGrossKg, double TotalValueEur, IReadOnlyList<PartyView> Parties, IReadOnlyList<GoodsView> Goods, IReadOnlyList<EquipmentView> Equipment);

    public static async Task<Results<Ok<ConsignmentView>, ProblemHttpResult>> HandleAsync(Guid id, HttpContext context, PortcullisDb db, CancellationToken cancellationToken)
    {
        var view = await FindAsync(db, id, CurrentUser.From(context.User)!, cancellationToken);
        return view is null
            ? TypedResults.Problem($"There is no consignment {id} in your hubs.", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
            : TypedResults.Ok(view);
    }

    /// <summary>The consignment as the API and the consignment page show it; null when it does not exist or lies outside the user's hubs.</summary>
    public static async Task<ConsignmentView?> FindAsync(PortcullisDb db, Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        var c = await db.Consignments.AsNoTracking().AsSplitQuery()
            .Include(x => x.Parties).ThenInclude(p => p.Party)
            .Include(x => x.Goods)
            .Include(x => x.Equipment).ThenInclude(e => e.Equipment)
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);

        // Outside the user's hubs it answers exactly as for a consignment that does not exist.
        if (c is null || !user.CanSeeHub(c.HubCode))
        {
            return null;
        }

        return new ConsignmentView(
            c.Id, c.Reference, c.Kind.ToString(), c.Direction.ToString(), c.HubCode, c.BookedAt, c.DepartedAt, c.ArrivedAt, c.OriginCountry,
            new RouteView(c.Route.PlaceOfReceipt, c.Route.PortOfLoading, c.Route.TransshipmentPorts, c.Route.PortOfDischarge, c.Route.PlaceOfDelivery),
            c.TotalGrossKg, c.TotalValueEur,
            [.. c.Parties.OrderBy(p => p.Role).Select(p => new PartyView(p.Role.ToString(), p.PartyId, p.Party!.Name, p.Party.CountryCode, p.Party.Eori, p.Party.Aeo.ToString(), p.Party.FirstSeen))],
            [.. c.Goods.OrderBy(g => g.LineNumber).Select(g => new GoodsView(g.LineNumber, g.HsCode, g.Description, g.Packages, g.PackageType, g.GrossKg, g.NetKg, g.ValueEur))],
            [.. c.Equipment.OrderBy(e => e.ContainerNumber).Select(e => new EquipmentView(e.ContainerNumber, e.Equipment!.SizeType, e.Equipment.Reefer, e.SealNumbers, e.ReeferSetpointC))]);
    }
}
