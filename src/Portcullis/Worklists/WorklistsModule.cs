using Portcullis.Access;
using Portcullis.Selection;

namespace Portcullis.Worklists;

/// <summary>
/// Each role's work of today on one page (<c>/work</c>) and in the API: the hub inspector's controls
/// inside the disclosure window, the targeting analyst's ranked arrivals with filters, the
/// supervisor's open alarms, capacity use and versions waiting for activation. Read-only views over
/// the other capabilities' use cases; every act on them (select, deselect, activate) goes through
/// those capabilities' own functions. People only: worklists show selections, which no token reads.
/// </summary>
public static class WorklistsModule
{
    /// <summary>The inspection worklist: hub inspectors.</summary>
    public const string Inspectors = "worklist-inspectors";

    public static IServiceCollection AddWorklists(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Inspectors, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.HubInspector)));
        return services;
    }

    public static void MapWorklists(this RouteGroupBuilder api)
    {
        var worklists = api.MapGroup("/worklists").WithTags("Worklists");
        worklists.MapGet("/inspector", InspectorWorklist.GetAsync).RequireAuthorization(Inspectors).PeopleOnly()
            .WithSummary("Hub inspectors: today's controls at your hubs by shift (Europe/Amsterdam), only those whose disclosure window is open; the others are counted, not shown. Each one shown is logged; ?format=csv.");
        worklists.MapGet("/targeting", TargetingWorklist.GetAsync).RequireAuthorization(SelectionModule.Planners).PeopleOnly()
            .WithSummary("Targeting team: today's scored arrivals at your hubs, highest first, with the top reasons and any selection; filter by hub, lane (origin country or port of loading), commodity (HS prefix) and party (name contains); ?format=csv.");
        worklists.MapGet("/scans", ScanWorklist.GetAsync).RequireAuthorization(Imaging.ImagingModule.Worklist).PeopleOnly()
            .WithSummary("Scan analysts, hub inspectors, supervisors: scans of controls waiting for a verdict that you may see now, oldest first, with the latest analysis score; ?format=csv.");
        worklists.MapGet("/supervisor", SupervisorWorklist.GetAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: open alarms (count and oldest), today's capacity use per hub and shift, rule profiles and models waiting for activation; ?format=csv&table=alarms|capacity|profiles|models.");
    }

    /// <summary>The customs day a worklist shows by default: the local day of the shift running now (the night shift after midnight belongs to the day before).</summary>
    public static DateOnly Today(TimeProvider clock) => Inspection.InspectionSteps.CurrentShift(clock.GetUtcNow().UtcDateTime).Day;

    /// <summary>The hubs a person works at: all of the catalogue for "*".</summary>
    public static IReadOnlyList<string> HubsOf(CurrentUser user) =>
        [.. Domain.Hubs.HubCatalogue.Codes.Where(user.CanSeeHub)];
}
