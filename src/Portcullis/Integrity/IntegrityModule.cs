using Portcullis.Access;
using Portcullis.Ingest;
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

    public static IServiceCollection AddIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IReadingEvaluator, SealStatusEvaluator>();
        services.AddSingleton(configuration.GetSection("Integrity:Readings").Get<ReadingOptions>() ?? new ReadingOptions());
        services.AddSingleton(configuration.GetSection("Integrity:Mqtt").Get<MqttOptions>() ?? new MqttOptions());
        services.AddSingleton<DeviceRateLimiter>();
        services.AddSingleton<ReadingPipeline>();
        services.AddHostedService<ReadingMatcher>();
        services.AddSingleton<MqttReadingSubscriber>();
        services.AddHostedService(s => s.GetRequiredService<MqttReadingSubscriber>());
        services.AddAuthorizationBuilder()
            .AddPolicy(OrderReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => TerminalOrders.MayReadOrders(CurrentUser.From(c.User))));
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

        var alarms = api.MapGroup("/alarms").WithTags("Secure lane");
        alarms.MapGet("/", ListAlarms.ListAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: integrity alarms of your hubs, newest first (open and acknowledged unless all=true).");
        alarms.MapPost("/{id:guid}/acknowledge", AcknowledgeAlarm.AcknowledgeAsync).RequireAuthorization(SelectionModule.Supervisors).PeopleOnly()
            .WithSummary("Supervisors: acknowledges an alarm with what was done about it; audited.");
    }
}
