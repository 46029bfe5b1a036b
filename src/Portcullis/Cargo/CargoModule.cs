using Portcullis.Access;

namespace Portcullis.Cargo;

/// <summary>Consignments and containers as stored, for customs people of the hubs they are scoped to.</summary>
public static class CargoModule
{
    public static IServiceCollection AddCargo(this IServiceCollection services, IConfiguration configuration) => services;

    public static void MapCargo(this RouteGroupBuilder api)
    {
        var consignments = api.MapGroup("/consignments").WithTags("Cargo");
        consignments.MapGet("/", ListConsignments.HandleAsync).RequireAuthorization(AccessModule.CustomsData).RequireScope(TokenScopes.Read)
            .WithSummary("Consignments of a hub on a day (default today, UTC). Only hubs the caller is scoped to.");
        consignments.MapGet("/{id:guid}", GetConsignment.HandleAsync).RequireAuthorization(AccessModule.CustomsData).RequireScope(TokenScopes.Read)
            .WithSummary("One consignment with route, parties, goods and containers. 404 outside the caller's hubs.");
        consignments.MapGet("/{id:guid}/dossier", ConsignmentDossier.HandleAsync).RequireAuthorization(AccessModule.CustomsData).RequireScope(TokenScopes.Read)
            .WithSummary("Everything known about a consignment on one timeline, each part as the caller may see it: parties with their history, the route (places not in the port catalogue listed by code), containers and their events, risk (null unless a risk reader), selections (only those visible now), alarms (null unless a supervisor), scans with their analysis boxes.");

        var containers = api.MapGroup("/containers").WithTags("Cargo");
        containers.MapGet("/{number}", GetContainer.HandleAsync).RequireAuthorization(AccessModule.CustomsData).RequireScope(TokenScopes.Read)
            .WithSummary("A container with its consignments (in the caller's hubs) and its last 200 events.");
        containers.MapGet("/{number}/dossier", ContainerDossier.HandleAsync).RequireAuthorization(AccessModule.CustomsData).RequireScope(TokenScopes.Read)
            .WithSummary("Everything known about a container on one timeline, each part as the caller may see it: risk (null unless a risk reader), selections (only those visible now), alarms (null unless a supervisor), scans.");
    }
}
