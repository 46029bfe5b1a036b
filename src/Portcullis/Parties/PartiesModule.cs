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

    /// <summary>Targeting analysts, supervisors and auditors: a party's dossier and its entity.</summary>
    public const string PartyReaders = "party-readers";

    /// <summary>Targeting analysts and supervisors, in person: merging and splitting entities.</summary>
    public const string EntityEditors = "entity-editors";

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

        // Entity resolution registers here: the stored links answer which entity a party belongs to.
        var resolution = configuration.GetSection("Parties:Resolution").Get<PartyResolutionOptions>() ?? new PartyResolutionOptions();
        if (resolution.CheckEverySeconds < 0 || resolution.FullRunHours < 1)
        {
            throw new Hosting.UserFacingException("Parties:Resolution needs CheckEverySeconds ≥ 0 (0 turns the job off) and FullRunHours ≥ 1; fix the setting.");
        }

        services.AddSingleton(resolution);
        services.AddHostedService<PartyResolutionService>();
        services.AddScoped<IPartyEntities, StoredPartyEntities>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PartyReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => GetParty.MayRead(CurrentUser.From(c.User))))
            .AddPolicy(EntityEditors, p => p.RequireAuthenticatedUser().RequireAssertion(c => EntityDecisions.MayDecide(CurrentUser.From(c.User))));
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
        sanctions.MapGet("/goods", ImportSanctionedGoods.ListAsync).RequireAuthorization(SanctionsReaders).PeopleOnly()
            .WithSummary("Analysts, supervisors and administrators: the imported sanctioned-goods list versions, newest first, and the built-in excerpt; which one the risk engine applies.");
        sanctions.MapPost("/goods", ImportSanctionedGoods.ImportAsync).RequireAuthorization(SanctionsImporters).PeopleOnly()
            .AcceptsFile("text/csv", "text/plain", "application/octet-stream")
            .WithSummary("Supervisors and administrators: imports a sanctioned-goods CSV (code,direction,country,annex,reference,date,description) as the active version, or nothing when it cannot be read; every node's risk engine reloads. Audited.");
        sanctions.MapGet("/hits", ReviewHits.ListAsync).RequireAuthorization(SanctionsReviewers).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: candidate hits of parties on consignments of your hubs (?status=open|confirmed|dismissed|all, default open), best score first, with the explanation and the list entry.");
        sanctions.MapPost("/hits/{id:guid}/confirm", ReviewHits.ConfirmAsync).RequireAuthorization(SanctionsReviewers).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: confirms a hit with a reason and the version read; the party's consignments not yet released become sanctions cases. Audited.");
        sanctions.MapPost("/hits/{id:guid}/dismiss", ReviewHits.DismissAsync).RequireAuthorization(SanctionsReviewers).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: dismisses a hit with a reason and the version read; it stays dismissed until the list entry changes. Audited.");

        // Entity resolution endpoints map here.
        var parties = api.MapGroup("/parties").WithTags("Parties");
        parties.MapGet("/{id:guid}", GetParty.HandleAsync).RequireAuthorization(PartyReaders).RequireScope(TokenScopes.RiskRead)
            .WithSummary("Targeting analysts, supervisors and auditors: a party as it came, the entity it was resolved into with its other parties (of your hubs) and the evidence of each link, and its consignments' count with first and last arrival. 404 for a party on no consignment of your hubs.");
        var entities = api.MapGroup("/entities").WithTags("Parties");
        entities.MapPost("/merge", EntityDecisions.MergeAsync).RequireAuthorization(EntityEditors).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: merges the entities of the given party or entity ids into one, with a reason; kept as a constraint when resolution runs again. Audited.");
        entities.MapPost("/{id:guid}/split", EntityDecisions.SplitAsync).RequireAuthorization(EntityEditors).PeopleOnly()
            .WithSummary("Targeting analysts and supervisors: takes the given parties out of an entity (two or more stay together as a new entity), with a reason; kept as a constraint when resolution runs again. Audited.");

        // The network: who read risk may read it, in their hubs.
        entities.MapGet("/{id:guid}/network", GetEntityNetwork.HandleAsync).RequireAuthorization(Risk.RiskModule.Read).RequireScope(TokenScopes.RiskRead)
            .WithSummary("Targeting analysts, supervisors and auditors: the entity's neighbourhood up to ?hops=1|2 (default 2) from the parties and consignments of your hubs: entities with name, distance, first seen, hit known and watch-listed; links with kind (address, phone, e-mail address, e-mail domain, agent, forwarder, container), shared value and first day.");
    }
}
