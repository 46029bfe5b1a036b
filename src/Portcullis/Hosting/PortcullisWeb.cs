using Microsoft.AspNetCore.Http.Features;
using MudBlazor.Services;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Cargo;
using Portcullis.Components;
using Portcullis.Imaging;
using Portcullis.Ingest;
using Portcullis.Inspection;
using Portcullis.Integrity;
using Portcullis.Monitoring;
using Portcullis.Parties;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Storage;
using Portcullis.Traffic;
using Portcullis.Worklists;

namespace Portcullis.Hosting;

/// <summary>Options for the web host, from the serve command or from tests.</summary>
/// <param name="Database">The database to serve.</param>
/// <param name="Urls">Addresses to listen on; empty keeps the host default (tests use an in-memory server).</param>
/// <param name="ContentRoot">Content root; the build output by default.</param>
/// <param name="Settings">Configuration that overrides the environment, e.g. from tests.</param>
public sealed record WebOptions(DatabaseTarget Database, IReadOnlyList<string> Urls, string? ContentRoot = null, IReadOnlyDictionary<string, string?>? Settings = null);

/// <summary>The web host: the shared composition (<see cref="PortcullisComposition"/>), the web-only services, and one Map per capability.</summary>
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

        builder.Configuration.AddPortcullisConfiguration(options.Settings);
        builder.Services.AddPortcullis(builder.Configuration, options.Database);
        builder.Services.AddProblemDetails();
        // Binding failures throw, so that RequestFailures answers them with the field at fault
        // instead of an empty 400; unhandled exceptions are logged there once, through ILogger.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<RequestFailures>();
        // Errors (stack traces included) go to stderr and the error log file, not to stdout with the banner and progress.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Error);
        // A host that fails to start (port in use…) is answered by the serve command in one sentence
        // on stderr; the trace goes to the error log file only.
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddProvider(new ErrorLogProvider());
        builder.Services.AddWebSecurity(builder.Configuration);
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiSecurity>().AddOperationTransformer<OpenApiTokenScope>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 64L * 1024 * 1024);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddLanguages();
        builder.Services.AddHttpContextAccessor();

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseForwardedHeadersAndSecurityHeaders();
        app.UseLanguages();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAccountSteps();
        app.UseAuthorization();
        app.UseApiWriteProtection();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapStaticAssets();

        app.MapAccountForms();
        app.MapLanguageSwitch();
        app.MapDcsaCallback();
        // Each request is one unit of work: committed when the endpoint succeeded (and this node's
        // reactions to it run before the response leaves), discarded when it refused.
        var api = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter(UnitOfWorkFilter.CommitOnSuccess)
            .AddEndpointFilterFactory(EdgeValidation.Create);
        api.PeopleOnlyUnlessDeclared();
        api.MapAudit();
        api.MapCargo();
        api.MapTraffic();
        api.MapIngest();
        api.MapRisk();
        api.MapSelection();
        api.MapInspection();
        api.MapIntegrity();
        api.MapImaging();
        api.MapParties();
        api.MapMonitoring();
        api.MapWorklists();
        // Last, as who-knew always was: its Report and the selection report's Report share an
        // OpenAPI schema name, and the document keeps the first registered.
        api.MapAccess();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
