using Portcullis.Access;
using Portcullis.Hosting;

namespace Portcullis.Ingest;

/// <summary>Getting cargo data in: uploads, the DCSA callback, receipts and the quarantine.</summary>
public static class IngestModule
{
    /// <summary>Submitting data: terminal and customs systems (with the "ingest" scope), and the people who load data by hand.</summary>
    public const string Submit = "ingest-submit";

    /// <summary>Running ingest: the quarantine holds whole manifests, so only supervisors and administrators.</summary>
    public const string Operate = "ingest-operate";

    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Ingest").Get<IngestOptions>() ?? new IngestOptions();
        services.AddSingleton(options);
        services.AddSingleton<IngestPipeline>();

        // One registration per format takes part in `ingest --dry-run`.
        services.AddSingleton<DryRun>();
        services.AddSingleton<IDryRunReader, EdifactDryRun>();
        services.AddSingleton<IDryRunReader, DcsaDryRun>();
        services.AddSingleton<IDryRunReader, CsvDryRun>();
        services.AddSingleton<IDryRunReader, CargoXmlDryRun>();
        services.AddSingleton<IDryRunReader, OneRecordDryRun>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Submit, p => p.RequireAuthenticatedUser().RequireAssertion(c => MaySubmit(CurrentUser.From(c.User))))
            .AddPolicy(Operate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.Administrator));
        return services;
    }

    // The scope is checked by the endpoint's declaration; this is the role half of the rule.
    public static bool MaySubmit(CurrentUser? user) => user is not null && (user.IsSystem
        ? user.Role is Roles.TerminalPartner or Roles.TargetingAnalyst or Roles.Supervisor
        : user.Role is Roles.Administrator or Roles.Supervisor or Roles.TargetingAnalyst);

    public static void MapIngest(this RouteGroupBuilder api)
    {
        var ingest = api.MapGroup("/ingest").WithTags("Ingest");
        ingest.MapPost("/edifact", SubmitEdifact.HandleAsync).RequireAuthorization(Submit).RequireScope(TokenScopes.Ingest)
            .AcceptsFile("application/EDIFACT", "text/plain", "application/octet-stream")
            .WithSummary("Submit one file of UN/EDIFACT interchanges (CUSCAR, BAPLIE, COARRI, CODECO, ITMATT). ?name= names the file on the receipt.");
        ingest.MapPost("/dcsa/events", SubmitDcsa.UploadAsync).RequireAuthorization(Submit).RequireScope(TokenScopes.Ingest)
            .AcceptsFile("application/json")
            .WithSummary("Submit DCSA events (TNT 2.2/3 equipment and transport events, IoT door events) as a JSON file.");
        ingest.MapPost("/cargo-xml", SubmitAir.CargoXmlAsync).RequireAuthorization(Submit).RequireScope(TokenScopes.Ingest)
            .AcceptsFile("application/xml", "text/xml")
            .WithSummary("Submit IATA Cargo-XML: XFWB master air waybills, XFZB house waybills, XFFM flight manifests (one message or several one after another). ?name= names the file on the receipt.");
        ingest.MapPost("/one-record", SubmitAir.OneRecordAsync).RequireAuthorization(Submit).RequireScope(TokenScopes.Ingest)
            .AcceptsFile("application/ld+json", "application/json")
            .WithSummary("Submit IATA ONE Record logistics objects (JSON-LD): Waybills, or Shipments with their Waybill embedded. Remote @context documents are never fetched.");
        ingest.MapGet("/receipts", Receipts.ListAsync).RequireAuthorization(Submit).RequireScope(TokenScopes.Ingest)
            .WithSummary("Recent receipts: a sender sees its organisation's, ingest operators see all.");
        ingest.MapGet("/receipts/{id:guid}", Receipts.GetAsync).RequireAuthorization(Submit).RequireScope(TokenScopes.Ingest)
            .WithSummary("One receipt: counts per message type, warnings and rejections.");
        ingest.MapGet("/quarantine", Quarantine.ListAsync).RequireAuthorization(Operate).PeopleOnly()
            .WithSummary("Rejected messages, events, rows and interchanges, newest first; ?status=open|resolved|superseded|all.");
        ingest.MapPost("/quarantine/{id:guid}/retry", Quarantine.RetryAsync).RequireAuthorization(Operate).PeopleOnly()
            .WithSummary("Replays one quarantined item through its reader; it is resolved when it is accepted now.");
    }

    /// <summary>
    /// The subscriber side of a DCSA subscription, outside the signed-in API: publishers cannot sign
    /// in, so the body's Notification-Signature is what authenticates them.
    /// </summary>
    public static void MapDcsaCallback(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/dcsa/events", SubmitDcsa.CallbackAsync)
            .AllowAnonymous()
            .SignedBody()
            .AcceptsFile("application/json")
            .WithTags("Ingest")
            .WithSummary("DCSA event callback (subscriber side): the body must carry a valid Notification-Signature (sha256=HMAC of the body with the shared secret).");
}
