using Portcullis.Simulator;

[assembly: AssemblyFixture(typeof(Portcullis.Tests.Simulator.SimulatorRuns))]

namespace Portcullis.Tests.Simulator;

/// <summary>
/// The simulator runs shared by the tests, generated once per test assembly: a full-scale weekday
/// and a four-week month at a fifth of the scale.
/// </summary>
public sealed class SimulatorRuns
{
    public static readonly DateOnly FirstDay = new(2025, 3, 3);

    private readonly Lazy<IReadOnlyList<SimulatedDay>> fullDay = new(() => Simulate(new SimulationOptions(7, 1.0, FirstDay, 1)));
    private readonly Lazy<IReadOnlyList<SimulatedDay>> month = new(() => Simulate(new SimulationOptions(11, 0.2, FirstDay, 28)));

    public SimulatedDay FullDay => fullDay.Value[0];

    public IReadOnlyList<SimulatedDay> Month => month.Value;

    public static IReadOnlyList<SimulatedDay> Simulate(SimulationOptions options) => [.. new TrafficSimulator(options).Run(TestContext.Current.CancellationToken)];
}
