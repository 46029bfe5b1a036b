namespace Portcullis.Risk;

/// <summary>Risk settings (section "Risk").</summary>
public sealed record RiskOptions
{
    /// <summary>λ in the combined score: how much a fully firing rule set counts on its own (0–1).</summary>
    public double RuleTrust { get; init; } = 0.5;

    /// <summary>Per-hub λ, overriding <see cref="RuleTrust"/> for that hub code.</summary>
    public Dictionary<string, double> HubRuleTrust { get; init; } = [];

    /// <summary>How often the background job scores unscored consignments, in seconds.</summary>
    public int ScoreEverySeconds { get; init; } = 30;

    /// <summary>
    /// How old the in-memory state (history of all stored cases, outcomes, profiles, model) may get
    /// before it is rebuilt in the background. A rebuild reads every stored case; done every 30 s it
    /// raised the single-score p99 from 5 to 80 ms on 2 cores (docs/BENCHMARKS.md). Activations and
    /// watch-list changes rebuild at once regardless.
    /// </summary>
    public int StateRefreshSeconds { get; init; } = 300;

    public double TrustFor(string hub) => HubRuleTrust.TryGetValue(hub, out var trust) ? trust : RuleTrust;
}
