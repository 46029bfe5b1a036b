namespace Portcullis.Simulation;

public static class SimulationSetup
{
    public static IServiceCollection AddSimulation(this IServiceCollection services) =>
        services.AddSingleton<StoreSimulatedTraffic>().AddSingleton<GroundTruthVault>().AddSingleton<IngestSimulatedTraffic>();
}
