using Portcullis.Access;
using Portcullis.Selection;

namespace Portcullis.Integrity;

/// <summary>
/// The secure lane: operational orders to terminals and alarms to supervisors. A terminal's token
/// reads orders and nothing else.
/// </summary>
public static class IntegrityModule
{
    /// <summary>Terminal people, or terminal systems whose token has the orders:read scope.</summary>
    public const string OrderReaders = "terminal-orders";

    /// <summary>Supervisors (of the zone's hub, checked in the handler) and administrators change zones.</summary>
    public const string GeofenceEditors = "geofence-editors";

    public static IServiceCollection AddIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<GeofenceCache>();
        services.AddSingleton<IntegrityMonitor>();
        services.AddSingleton<IReadingEvaluator>(s => s.GetRequiredService<IntegrityMonitor>());
        services.AddHostedService<IntegrityMonitorService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(OrderReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => TerminalOrders.MayReadOrders(CurrentUser.From(c.User))))
            .AddPolicy(GeofenceEditors, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.Supervisor, Roles.Administrator)));
        return services;
    }

    public static void MapIntegrity(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Secure lane");
        orders.MapGet("/", TerminalOrders.ListAsync).RequireAuthorization(OrderReaders).RequireScope(TokenScopes.OrdersRead)
            .WithSummary("Terminals: containers to move from the vessel to the secured area, from the moment each order is released.");
        orders.MapPost("/{id:guid}/acknowledge", TerminalOrders.AcknowledgeAsync).RequireAuthorization(OrderReaders).RequireScope(TokenScopes.OrdersRead)
            .WithSummary("Terminals: confirms an order was received and planned.");

        var alarms = api.MapGroup("/alarms").WithTags("Secure lane");
        alarms.MapGet("/", ListAlarms.ListAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: integrity alarms of your hubs, newest first (open and acknowledged unless all=true).");
        alarms.MapPost("/{id:guid}/acknowledge", AcknowledgeAlarm.AcknowledgeAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: acknowledges an alarm with what was done about it; audited.");

        var geofences = api.MapGroup("/geofences").WithTags("Geofences");
        geofences.MapGet("/", ListGeofences.ListAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Customs: the authorised zones (GeoJSON polygons) of your hubs; retired ones with retired=true.");
        geofences.MapPost("/", ImportGeofences.ImportAsync).RequireAuthorization(GeofenceEditors).PeopleOnly()
            .WithSummary("Supervisors of the hub and administrators: creates or replaces zones by name from a GeoJSON FeatureCollection; audited.");
        geofences.MapPost("/{id:guid}/retire", RetireGeofence.RetireAsync).RequireAuthorization(GeofenceEditors).PeopleOnly()
            .WithSummary("Supervisors of the hub and administrators: the zone stops authorising anything; audited.");
    }
}
