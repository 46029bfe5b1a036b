using Portcullis.Access;

namespace Portcullis.Risk;

/// <summary>Scores, reasons, rule profiles, models and the watch list, for the targeting team.</summary>
public static class RiskModule
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
        ? user.Role == Roles.TargetingAnalyst
        : user.Role is Roles.TargetingAnalyst or Roles.Supervisor);

    public static void MapRisk(this RouteGroupBuilder api)
    {
        var risk = api.MapGroup("/risk").WithTags("Risk");
        risk.MapPost("/score", ScoreCase.HandleAsync).RequireAuthorization(Score).RequireScope(TokenScopes.RiskScore)
            .WithSummary("Scores a consignment payload with the active model and rule profiles, with every reason; nothing is stored.");

        risk.MapGet("/consignments/{id:guid}", GetRisk.ConsignmentAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("The latest score of a consignment with every reason (rules and model features).");
        risk.MapGet("/containers/{number}", GetRisk.ContainerAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("A container's score: the worst of the consignments it carries, with that consignment's reasons.");
        risk.MapGet("/ranking", GetRisk.RankingAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("The highest scores of a hub for arrivals on a day (default today), best first.");
        risk.MapGet("/drift", Drift.HandleAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("Weekly score distribution drift (PSI against the first week) and hit rate of inspected consignments.");

        risk.MapPost("/profiles/test-bench", TestBench.HandleAsync).RequireAuthorization(Author).RequireScope(TokenScopes.RiskWrite)
            .WithSummary("Runs a draft profile over the last N days (default 28): flagged per hub and day, and precision/recall on past inspections.");
        risk.MapGet("/profiles", Profiles.ListAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("Every rule profile version, newest first, with its status.");
        risk.MapGet("/profiles/{id:guid}", Profiles.GetAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("One profile version with its YAML as written (export).");
        risk.MapPost("/profiles", Profiles.ImportAsync).RequireAuthorization(Author).RequireScope(TokenScopes.RiskWrite)
            .WithSummary("Imports a profile from YAML as a new draft version; 400 names the line and column of an error.");
        risk.MapPost("/profiles/{id:guid}/activate", Profiles.ActivateAsync).RequireAuthorization(Activate).PeopleOnly()
            .WithSummary("Supervisors: makes this version the active one of its name, retiring the previous; audited.");

        risk.MapGet("/models", Models.ListAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("The model registry, newest first: window, features, validation metrics and who activated each.");
        risk.MapPost("/models/train", Models.TrainAsync).RequireAuthorization(Author).RequireScope(TokenScopes.RiskWrite)
            .WithSummary("Trains a candidate model on the inspected consignments of a window; 400 when the window has no usable labels.");
        risk.MapPost("/models/{id:guid}/activate", Models.ActivateAsync).RequireAuthorization(Activate).PeopleOnly()
            .WithSummary("Supervisors: makes this version the one scoring uses (also to go back to an earlier one); audited.");

        risk.MapGet("/watch-list", WatchList.ListAsync).RequireAuthorization(Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("Parties on the watch list, with who added them and why.");
        risk.MapPost("/watch-list", WatchList.AddAsync).RequireAuthorization(Author).RequireScope(TokenScopes.RiskWrite)
            .WithSummary("Puts a party on the watch list with a reason; audited.");
        risk.MapDelete("/watch-list/{id:guid}", WatchList.RemoveAsync).RequireAuthorization(Author).RequireScope(TokenScopes.RiskWrite)
            .WithSummary("Takes a party off the watch list (the entry is kept, marked removed); audited.");
    }
}
