using Portcullis.Access;

namespace Portcullis.Risk;

public static class RiskEndpoints
{
    /// <summary>Reading scores, reasons, profiles and models: the targeting team, its supervisors and auditors. Never terminals or partners.</summary>
    public const string Read = "risk-read";

    /// <summary>Writing drafts, training candidates, testing profiles: targeting analysts and supervisors.</summary>
    public const string Author = "risk-author";

    /// <summary>Making a profile or model take effect: supervisors only.</summary>
    public const string Activate = "risk-activate";

    /// <summary>
    /// Scoring a payload without storing it: the targeting team, or a system acting for it (a token
    /// in the targeting-analyst role with the risk:score scope). A terminal's token never qualifies,
    /// whatever scopes it was given: terminals must not learn what customs finds risky.
    /// </summary>
    public const string Score = "risk-score";

    public static IServiceCollection AddRisk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Risk").Get<RiskOptions>() ?? new RiskOptions());
        services.AddSingleton<RiskEngine>();
        services.AddSingleton<Storage.IOutboxHandler, RiskStateInvalidation>();
        services.AddHostedService<RiskScoringService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireRole(Roles.TargetingAnalyst, Roles.Supervisor, Roles.Auditor))
            .AddPolicy(Author, p => p.RequireAuthenticatedUser().RequireRole(Roles.TargetingAnalyst, Roles.Supervisor))
            .AddPolicy(Activate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor))
            .AddPolicy(Score, p => p.RequireAuthenticatedUser().RequireAssertion(c => MayScore(CurrentUser.From(c.User))));
        return services;
    }

    public static bool MayScore(CurrentUser? user) => user is not null && (user.IsSystem
        ? user.Role == Roles.TargetingAnalyst && user.Scopes.Contains("risk:score", StringComparer.Ordinal)
        : user.Role is Roles.TargetingAnalyst or Roles.Supervisor);

    public static void MapRisk(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/").RequireAuthorization(Read).WithTags("Risk");
        var author = api.MapGroup("/").RequireAuthorization(Author).WithTags("Risk");
        var activate = api.MapGroup("/").RequireAuthorization(Activate).WithTags("Risk");
        var score = api.MapGroup("/").RequireAuthorization(Score).WithTags("Risk");
        score.MapScoreCase();
        read.MapGetRisk();
        read.MapDrift();
        author.MapTestBench();
        read.MapProfiles(author, activate);
        read.MapModels(author, activate);
        read.MapWatchList(author);
    }
}

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
