using Portcullis.Access;
using Portcullis.Hosting;

namespace Portcullis.Parties;

/// <summary>
/// Party intelligence: sanctions lists and screening with its review queue, and the resolution of
/// parties into real entities and their networks (docs/PARTIES.md).
/// </summary>
public static class PartiesModule
{
    /// <summary>Targeting analysts and supervisors, in person: the sanctions review queue.</summary>
    public const string SanctionsReviewers = "sanctions-reviewers";

    /// <summary>Administrators and supervisors, in person: importing a list version.</summary>
    public const string SanctionsImporters = "sanctions-importers";

    /// <summary>Reviewers and importers: the list versions.</summary>
    public const string SanctionsReaders = "sanctions-readers";

    public static IServiceCollection AddParties(this IServiceCollection services, IConfiguration configuration)
    {
        // Sanctions screening registers here.
        var sanctions = configuration.GetSection("Parties:Sanctions").Get<SanctionsOptions>() ?? new SanctionsOptions();
        if (sanctions.Threshold is <= 0 or > 1 || sanctions.ConfirmedHitWeight is < 0 or >= 1 || sanctions.GoodsWeight is < 0 or >= 1 || sanctions.BatchSize < 1 || sanctions.CaseWindowDays < 0)
        {
            throw new Hosting.UserFacingException("Parties:Sanctions needs Threshold in (0, 1], ConfirmedHitWeight and GoodsWeight in [0, 1), BatchSize ≥ 1 and CaseWindowDays ≥ 0; fix the setting.");
        }

        services.AddSingleton(sanctions);
        services.AddSingleton<SanctionsFormats>();
        services.AddSingleton<ScreeningState>();
        services.AddSingleton<ScreeningSignal>();
        services.AddSingleton<Storage.IOutboxHandler, SanctionsListActivatedHandler>();
        services.AddHostedService<SanctionsScreeningService>();
        services.AddHostedService<SanctionsDropFolderService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(SanctionsReviewers, p => p.RequireAuthenticatedUser().RequireAssertion(c => ReviewHits.MayReview(CurrentUser.From(c.User))))
            .AddPolicy(SanctionsImporters, p => p.RequireAuthenticatedUser().RequireAssertion(c => ImportSanctionsList.MayImport(CurrentUser.From(c.User))))
            .AddPolicy(SanctionsReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => ReviewHits.MayReview(CurrentUser.From(c.User)) || ImportSanctionsList.MayImport(CurrentUser.From(c.User))));

        // Entity resolution registers here (the resolution replaces this with the stored links).
        services.AddScoped<IPartyEntities, UnresolvedPartyEntities>();
        return services;
    }

    public static void MapParties(this RouteGroupBuilder api)
    {
        // Sanctions endpoints map here.
        var sanctions = api.MapGroup("/sanctions").WithTags("Sanctions");
        sanctions.MapGet("/lists", ImportSanctionsList.ListAsync).RequireAuthorization(SanctionsReaders).PeopleOnly()
            .WithSummary("Analysts, supervisors and administrators: the imported sanctions list versions, newest first per source, and which is active.");
        sanctions.MapPost("/lists", ImportSanctionsList.ImportAsync).RequireAuthorization(SanctionsImporters).PeopleOnly()
            .AcceptsFile("application/xml", "text/xml", "application/json", "application/x-ndjson", "application/octet-stream")
            .WithSummary("Supervisors and administrators: imports a list file (?source=eu|un|ofac|ftm) as a new active version with all its entries, or nothing when it cannot be read; the same file again is 'already imported'. Audited.");
        sanctions.MapGet("/hits", ReviewHits.ListAsync).RequireAuthorization(SanctionsReviewers).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: candidate hits of parties on consignments of your hubs (?status=open|confirmed|dismissed|all, default open), best score first, with the explanation and the list entry.");
        sanctions.MapPost("/hits/{id:guid}/confirm", ReviewHits.ConfirmAsync).RequireAuthorization(SanctionsReviewers).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: confirms a hit with a reason and the version read; the party's consignments not yet released become sanctions cases. Audited.");
        sanctions.MapPost("/hits/{id:guid}/dismiss", ReviewHits.DismissAsync).RequireAuthorization(SanctionsReviewers).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: dismisses a hit with a reason and the version read; it stays dismissed until the list entry changes. Audited.");

        // Entity resolution endpoints map here.

        // The network: who read risk may read it, in their hubs.
        api.MapGroup("/entities").WithTags("Parties")
            .MapGet("/{id:guid}/network", GetEntityNetwork.HandleAsync).RequireAuthorization(Risk.RiskModule.Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("Targeting analysts, supervisors and auditors: the entity's neighbourhood up to ?hops=1|2 (default 2) from the parties and consignments of your hubs: entities with name, distance, first seen, hit known and watch-listed; links with kind (address, phone, e-mail address, e-mail domain, agent, forwarder, container), shared value and first day.");
    }
}
