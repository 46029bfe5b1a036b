using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Ingest;
using Portcullis.Selection;

namespace Portcullis.Integrity;

/// <summary>
/// The secure lane and container integrity: operational orders to terminals, alarms to supervisors
/// (live, and to partners with an agreement), and release tokens for the gate. A terminal's token
/// reads orders and verifies release tokens; a haulier's collects its release tokens.
/// </summary>
public static class IntegrityModule
{
    /// <summary>Terminal people, or terminal systems whose token has the orders:read scope.</summary>
    public const string OrderReaders = "terminal-orders";

    /// <summary>Customs who release containers: supervisors and hub inspectors of the container's hub.</summary>
    public const string ReleaseIssuers = "release-issuers";

    /// <summary>Partner systems (terminal-partner role) of the organisation a release names.</summary>
    public const string ReleaseCollectors = "release-collectors";

    /// <summary>Supervisors (of the zone's hub, checked in the handler) and administrators change zones.</summary>
    public const string GeofenceEditors = "geofence-editors";

    public static IServiceCollection AddIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Integrity").Get<IntegrityOptions>() ?? new IntegrityOptions();
        if (options.Alarms.HighWeight is < 0 or >= 1 || options.Alarms.CriticalWeight is < 0 or >= 1 || options.Alarms.PerContainer < 1 || options.Alarms.WindowMinutes <= 0)
        {
            throw new Hosting.UserFacingException("Integrity:Alarms needs PerContainer ≥ 1, WindowMinutes > 0 and weights in [0, 1); fix the setting.");
        }

        if (options.Releases.TokenHours <= 0 || options.Releases.GateWindowHours <= 0)
        {
            throw new Hosting.UserFacingException("Integrity:Releases:TokenHours and GateWindowHours must be above 0; fix the setting.");
        }

        services.AddSingleton(options);
        services.AddSingleton<GeofenceCache>();
        services.AddSingleton<IntegrityMonitor>();
        services.AddSingleton<IReadingEvaluator>(s => s.GetRequiredService<IntegrityMonitor>());
        services.AddHostedService<IntegrityMonitorService>();
        services.AddSingleton(sp => new ReleaseTokenKey(sp.GetRequiredService<AuditSigningKey>().Folder));
        services.AddSingleton<AlarmNotifier>();
        services.AddSingleton<Storage.IOutboxHandler, AlarmBroadcast>();
        services.AddHttpClient(PartnerDelivery.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<PartnerDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<PartnerDelivery>());
        services.AddSingleton<Storage.IOutboxHandler, PartnerAlarmHandler>();
        services.AddHostedService<ReleaseGateService>();
        services.AddSingleton(configuration.GetSection("Integrity:Readings").Get<ReadingOptions>() ?? new ReadingOptions());
        services.AddSingleton(configuration.GetSection("Integrity:Mqtt").Get<MqttOptions>() ?? new MqttOptions());
        services.AddSingleton<DeviceRateLimiter>();
        services.AddSingleton<ReadingPipeline>();
        services.AddHostedService<ReadingMatcher>();
        services.AddSingleton<MqttReadingSubscriber>();
        services.AddHostedService(s => s.GetRequiredService<MqttReadingSubscriber>());
        services.AddAuthorizationBuilder()
            .AddPolicy(OrderReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => TerminalOrders.MayReadOrders(CurrentUser.From(c.User))))
            .AddPolicy(ReleaseIssuers, p => p.RequireAuthenticatedUser().RequireAssertion(c => IssueRelease.MayIssue(CurrentUser.From(c.User))))
            .AddPolicy(ReleaseCollectors, p => p.RequireAuthenticatedUser().RequireAssertion(c => CollectRelease.MayCollect(CurrentUser.From(c.User))))
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

        var readings = api.MapGroup("/readings").WithTags("Seals and sensors");
        readings.MapPost("/", SubmitReadings.HandleAsync).RequireAuthorization(IngestModule.Submit).RequireScope(TokenScopes.EventsWrite)
            .Accepts<object>("application/json")
            .WithSummary("Seal and sensor feeds without a broker: one reading or an array (Portcullis JSON, DCSA IoT or Reefer events); answers what was stored, duplicates and each rejection with its reason.");
        api.MapGroup("/containers").WithTags("Seals and sensors")
            .MapGet("/{number}/readings", ListReadings.HandleAsync).RequireAuthorization(AccessModule.CustomsData).RequireScope(TokenScopes.Read)
            .WithSummary("A container's seal and sensor readings, newest event first (limit, default 500). 404 outside the caller's hubs.");

        var alarms = api.MapGroup("/alarms").WithTags("Alarms");
        alarms.MapGet("/", ListAlarms.ListAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: integrity alarms of your hubs, newest first; filter by hub, kind, severity, status (open, acknowledged, resolved) and container (without status: open and acknowledged unless all=true).");
        alarms.MapGet("/{id:guid}", ListAlarms.GetAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: one alarm of your hubs with its evidence, acknowledgement and resolution.");
        alarms.MapPost("/{id:guid}/acknowledge", AcknowledgeAlarm.AcknowledgeAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: acknowledges an alarm with what was done about it; audited.");
        alarms.MapPost("/{id:guid}/resolve", ResolveAlarm.ResolveAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: resolves an alarm as true-alarm, false-alarm or explained with a note; audited. False and explained alarms stop weighing on the risk score.");
        alarms.MapPost("/{id:guid}/select", SelectOnAlarm.SelectAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: selects the alarm's container for control (selection type alarm, the alarm as reason); audited.");

        var releases = api.MapGroup("/releases").WithTags("Release tokens");
        releases.MapPost("/", IssueRelease.IssueAsync).RequireAuthorization(ReleaseIssuers).PeopleOnly()
            .WithSummary("Customs: releases a container to a haulier organisation (and driver); the haulier's system then collects the one-time token. Audited.");
        releases.MapPost("/collect", CollectRelease.CollectAsync).RequireAuthorization(ReleaseCollectors).RequireScope(TokenScopes.ReleasesCollect)
            .WithSummary("Hauliers: collects the one-time release token of a container released to your organisation; shown in this answer only, once.");
        releases.MapPost("/verify", VerifyRelease.VerifyAsync).RequireAuthorization(OrderReaders).RequireScope(TokenScopes.OrdersRead)
            .WithSummary("Terminals: verifies the token a driver presents for a container and haulier before gate-out, and consumes it; a second verification fails.");

        var geofences = api.MapGroup("/geofences").WithTags("Geofences");
        geofences.MapGet("/", ListGeofences.ListAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Customs: the authorised zones (GeoJSON polygons) of your hubs; retired ones with retired=true.");
        geofences.MapPost("/", ImportGeofences.ImportAsync).RequireAuthorization(GeofenceEditors).PeopleOnly()
            .WithSummary("Supervisors of the hub and administrators: creates or replaces zones by name from a GeoJSON FeatureCollection; audited.");
        geofences.MapPost("/{id:guid}/retire", RetireGeofence.RetireAsync).RequireAuthorization(GeofenceEditors).PeopleOnly()
            .WithSummary("Supervisors of the hub and administrators: the zone stops authorising anything; audited.");
    }
}
