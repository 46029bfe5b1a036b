namespace Portcullis.Simulator;

// Placeholder until the simulator branch lands; removed at merge.
public sealed class TrafficSimulator(SimulationOptions options)
{
    public IEnumerable<SimulatedDay> Run(CancellationToken cancellationToken = default)
    {
        for (var d = 0; d < options.Days; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new SimulatedDay(options.FirstDay.AddDays(d), [], [], [], [], [], []);
        }
    }
}
