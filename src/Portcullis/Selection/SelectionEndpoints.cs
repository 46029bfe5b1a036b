using Portcullis.Access;
using Portcullis.Inspection;
using Portcullis.Integrity;

namespace Portcullis.Selection;

/// <summary>
/// Selection, inspection and secure lane over REST, and who may call what. Selections are for
/// people only: no system token, whatever its role or scopes, reads a selection; a terminal's
/// token reads operational orders and nothing else.
/// </summary>
public static class SelectionEndpoints
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

    /// <summary>Who-knew reports: auditors and supervisors.</summary>
    public const string Investigators = "who-knew";

    public static IServiceCollection AddSelection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Selection").Get<SelectionOptions>() ?? new SelectionOptions());
        services.AddHostedService<SelectionService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Planners, p => p.RequireAuthenticatedUser().RequireAssertion(c => Person(c.User, Roles.TargetingAnalyst, Roles.Supervisor)))
            .AddPolicy(Customs, p => p.RequireAuthenticatedUser().RequireAssertion(c => Person(c.User, [.. Roles.Customs])))
            .AddPolicy(CapacityReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => Person(c.User, Roles.TargetingAnalyst, Roles.Supervisor, Roles.HubInspector, Roles.ScanAnalyst)))
            .AddPolicy(Supervisors, p => p.RequireAuthenticatedUser().RequireAssertion(c => Person(c.User, Roles.Supervisor)))
            .AddPolicy(Reporters, p => p.RequireAuthenticatedUser().RequireAssertion(c => Person(c.User, Roles.TargetingAnalyst, Roles.Supervisor, Roles.Auditor)))
            .AddPolicy(Investigators, p => p.RequireAuthenticatedUser().RequireAssertion(c => Person(c.User, Roles.Auditor, Roles.Supervisor)))
            .AddPolicy(TerminalOrders.Policy, p => p.RequireAuthenticatedUser().RequireAssertion(c => TerminalOrders.MayReadOrders(CurrentUser.From(c.User))));
        return services;
    }

    public static void MapSelection(this RouteGroupBuilder api)
    {
        var planners = api.MapGroup("/").RequireAuthorization(Planners).WithTags("Selection");
        var customs = api.MapGroup("/").RequireAuthorization(Customs).WithTags("Selection");
        var capacityReaders = api.MapGroup("/").RequireAuthorization(CapacityReaders).WithTags("Selection");
        var supervisors = api.MapGroup("/").RequireAuthorization(Supervisors).WithTags("Selection");
        var reporters = api.MapGroup("/").RequireAuthorization(Reporters).WithTags("Selection");
        capacityReaders.MapCapacity(supervisors);
        planners.MapFillPlan();
        planners.MapManualSelection();
        reporters.MapSelectionReport();
        customs.MapGetSelections();

        var inspection = api.MapGroup("/").RequireAuthorization(Customs).WithTags("Inspection");
        inspection.MapInspectionSteps();
        inspection.MapCloseInspection();
        inspection.MapInspectionPhotos();

        api.MapGroup("/").RequireAuthorization(TerminalOrders.Policy).WithTags("Secure lane").MapTerminalOrders();
        api.MapGroup("/").RequireAuthorization(Supervisors).WithTags("Secure lane").MapAlarms();
        api.MapGroup("/").RequireAuthorization(Investigators).WithTags("Audit").MapWhoKnew();
    }

    private static bool Person(System.Security.Claims.ClaimsPrincipal principal, params string[] roles) =>
        CurrentUser.From(principal) is { IsSystem: false } user && roles.Contains(user.Role, StringComparer.Ordinal);
}
