using Portcullis.Access;

namespace Portcullis.Selection;

/// <summary>
/// Capacity, filling plans, selecting by hand, reading selections and the hit-rate report. Selections
/// are for people only: no system token, whatever its role or scopes, reads a selection.
/// </summary>
public static class SelectionModule
{
    /// <summary>Filling plans and selecting by hand: targeting analysts and supervisors.</summary>
    public const string Planners = "selection-planners";

    /// <summary>Reading selections and taking inspection steps: customs people; which selection and step is decided per request.</summary>
    public const string Customs = "selection-customs";

    /// <summary>Reading capacity: the targeting and inspection teams and supervisors.</summary>
    public const string CapacityReaders = "capacity-readers";

    /// <summary>Setting capacity, and receiving alarms: supervisors.</summary>
    public const string Supervisors = "selection-supervisors";

    /// <summary>Hit-rate and precision reports: targeting analysts, supervisors, auditors.</summary>
    public const string Reporters = "selection-reporters";

    public static IServiceCollection AddSelection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Selection").Get<SelectionOptions>() ?? new SelectionOptions());
        services.AddHostedService<SelectionService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Planners, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.TargetingAnalyst, Roles.Supervisor)))
            .AddPolicy(Customs, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, [.. Roles.Customs])))
            .AddPolicy(CapacityReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.TargetingAnalyst, Roles.Supervisor, Roles.HubInspector, Roles.ScanAnalyst)))
            .AddPolicy(Supervisors, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.Supervisor)))
            .AddPolicy(Reporters, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.TargetingAnalyst, Roles.Supervisor, Roles.Auditor)));
        return services;
    }

    public static void MapSelection(this RouteGroupBuilder api)
    {
        var capacity = api.MapGroup("/capacity").WithTags("Selection");
        capacity.MapGet("/{hub}/{date}", CapacityPlans.GetAsync).RequireAuthorization(CapacityReaders).PeopleOnly()
            .WithSummary("A hub's scanner slots and physical inspections per shift for a day, and how many are taken.");
        capacity.MapPut("/{hub}/{date}", CapacityPlans.SetAsync).RequireAuthorization(Supervisors).PeopleOnly()
            .WithSummary("Supervisors: sets a hub's capacity per shift for a day; audited.");

        var selections = api.MapGroup("/selections").WithTags("Selection");
        selections.MapPost("/plan", FillPlan.FillAsync).RequireAuthorization(Planners).PeopleOnly()
            .WithSummary("Fills a hub's capacity for a day (targeted, exploration, control, watch list); only free slots are filled.");
        selections.MapPost("/", ManualSelection.CreateAsync).RequireAuthorization(Planners).PeopleOnly()
            .WithSummary("Selects a container or consignment by hand (kind manual or alarm) with a mandatory reason; audited.");
        selections.MapGet("/report", SelectionReport.GetAsync).RequireAuthorization(Reporters).PeopleOnly()
            .WithSummary("Hit rate from the control sample, targeted precision, lift and recall for a hub and period, with 95 % intervals.");
        selections.MapGet("/", GetSelections.ListAsync).RequireAuthorization(Customs).PeopleOnly()
            .WithSummary("Selections of a hub for a day that you may see now (need-to-know); each one shown is logged.");
        selections.MapGet("/{id:guid}", GetSelections.DetailAsync).RequireAuthorization(Customs).PeopleOnly()
            .WithSummary("One selection with its history, findings, photos and secure-lane order; logged.");
    }
}
