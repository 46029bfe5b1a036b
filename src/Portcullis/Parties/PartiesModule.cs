namespace Portcullis.Parties;

/// <summary>
/// Party intelligence: sanctions lists and screening with its review queue, and the resolution of
/// parties into real entities and their networks (docs/PARTIES.md).
/// </summary>
public static class PartiesModule
{
    public static IServiceCollection AddParties(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        // Sanctions screening registers here.
        // Entity resolution registers here.
        return services;
    }

    public static void MapParties(this RouteGroupBuilder api)
    {
        // Sanctions endpoints map here.
        // Entity resolution endpoints map here.
        _ = api;
    }
}
