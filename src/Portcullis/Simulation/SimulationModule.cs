namespace Portcullis.Simulation;

/// <summary>
/// The simulated traffic and its ground truth. There is no Map: the ground truth never leaves
/// through the API, for any role.
/// </summary>
public static class SimulationModule
{
    public static IServiceCollection AddSimulation(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<StoreSimulatedTraffic>().AddSingleton<GroundTruthVault>().AddSingleton<IngestSimulatedTraffic>();
}
