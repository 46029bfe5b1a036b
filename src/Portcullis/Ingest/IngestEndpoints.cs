using Portcullis.Access;

namespace Portcullis.Ingest;

public static class IngestEndpoints
{
    /// <summary>Submitting data: systems with the "ingest" scope, and the people who load data by hand.</summary>
    public const string Submit = "ingest-submit";

    /// <summary>Running ingest: the quarantine holds whole manifests, so only supervisors and administrators.</summary>
    public const string Operate = "ingest-operate";

    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Ingest").Get<IngestOptions>() ?? new IngestOptions();
        services.AddSingleton(options);
        services.AddSingleton<IngestPipeline>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Submit, p => p.RequireAuthenticatedUser().RequireAssertion(c => MaySubmit(CurrentUser.From(c.User))))
            .AddPolicy(Operate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.Administrator));
        return services;
    }

    public static bool MaySubmit(CurrentUser? user) => user is not null && (user.IsSystem
        ? user.Scopes.Contains("ingest", StringComparer.Ordinal)
        : user.Role is Roles.Administrator or Roles.Supervisor or Roles.TargetingAnalyst);

    public static void MapIngest(this RouteGroupBuilder api)
    {
        var submit = api.MapGroup("/").RequireAuthorization(Submit).WithTags("Ingest");
        submit.MapSubmitEdifact();
        submit.MapDcsaUpload();
        submit.MapReceipts();

        var operate = api.MapGroup("/").RequireAuthorization(Operate).WithTags("Ingest");
        operate.MapQuarantine();
    }
}
