namespace Portcullis.Cargo;

public static class CargoEndpoints
{
    public static IServiceCollection AddCargo(this IServiceCollection services) => services;

    public static void MapCargo(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").RequireAuthorization(Access.AccessSetup.CustomsData).WithTags("Cargo");
        group.MapListConsignments();
        group.MapGetConsignment();
        group.MapGetContainer();
    }
}
