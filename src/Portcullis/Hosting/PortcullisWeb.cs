using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using MudBlazor.Services;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Cargo;
using Portcullis.Components;
using Portcullis.Ingest;
using Portcullis.Inspection;
using Portcullis.Integrity;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Storage;
using Portcullis.Traffic;

namespace Portcullis.Hosting;

/// <summary>Options for the web host, from the serve command or from tests.</summary>
/// <param name="Database">The database to serve.</param>
/// <param name="Urls">Addresses to listen on; empty keeps the host default (tests use an in-memory server).</param>
/// <param name="ContentRoot">Content root; the build output by default.</param>
/// <param name="Settings">Configuration that overrides the environment, e.g. from tests.</param>
public sealed record WebOptions(DatabaseTarget Database, IReadOnlyList<string> Urls, string? ContentRoot = null, IReadOnlyDictionary<string, string?>? Settings = null);

/// <summary>Composes the web UI and REST API: one Add and one Map per capability.</summary>
public static class PortcullisWeb
{
    public static WebApplication Build(WebOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            // Named after this assembly, not the entry assembly, so that a test host finds the static web assets manifests too.
            ApplicationName = typeof(PortcullisWeb).Assembly.GetName().Name,
            ContentRootPath = options.ContentRoot ?? AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production,
        });
        builder.WebHost.UseStaticWebAssets();
        if (options.Urls.Count > 0)
        {
            builder.WebHost.UseUrls([.. options.Urls]);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        });
        builder.Configuration.AddEnvironmentVariables("PORTCULLIS_");
        if (options.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new Database(options.Database));
        builder.Services.AddScoped(sp => sp.GetRequiredService<Database>().CreateContext());
        // Keys beside the data, so that sign-in cookies survive a restart of the server.
        builder.Services.AddDataProtection()
            .SetApplicationName("portcullis")
            .PersistKeysToFileSystem(new DirectoryInfo(KeyFolder(options.Database, builder.Configuration)));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiSecurity>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 64L * 1024 * 1024);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();

        builder.Services.AddAccess(builder.Configuration);
        builder.Services.AddAudit(builder.Configuration, KeyFolder(options.Database, builder.Configuration));
        builder.Services.AddCargo(builder.Configuration);
        builder.Services.AddTraffic(builder.Configuration);
        builder.Services.AddSimulation(builder.Configuration);
        builder.Services.AddIngest(builder.Configuration);
        builder.Services.AddRisk(builder.Configuration);
        builder.Services.AddSelection(builder.Configuration);
        builder.Services.AddInspection(builder.Configuration);
        builder.Services.AddIntegrity(builder.Configuration);

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapStaticAssets();

        app.MapAccountForms();
        app.MapDcsaCallback();
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapAudit();
        api.MapCargo();
        api.MapTraffic();
        api.MapIngest();
        api.MapRisk();
        api.MapSelection();
        api.MapInspection();
        api.MapIntegrity();
        // Last, as who-knew always was: its Report and the selection report's Report share an
        // OpenAPI schema name, and the document keeps the first registered.
        api.MapAccess();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Where keys live: the data-protection keys and the audit signing key.</summary>
    internal static string KeyFolder(DatabaseTarget database, IConfiguration configuration)
    {
        if (configuration["KeysFolder"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var sqliteFile = database.Provider == DatabaseProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource
            : null;
        return sqliteFile is { Length: > 0 } and not ":memory:"
            ? Path.Combine(Path.GetDirectoryName(sqliteFile)!, "keys")
            : Path.GetFullPath(Path.Combine("data", "keys"));
    }
}
