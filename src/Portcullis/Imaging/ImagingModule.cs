using Portcullis.Access;

namespace Portcullis.Imaging;

/// <summary>
/// Scans: X-ray images from our scanners and partner customs, the content-addressed store, their
/// links to containers and controls, and the viewer (docs/IMAGING.md).
/// </summary>
public static class ImagingModule
{
    /// <summary>Who works the scan worklist: scan analysts, hub inspectors and supervisors.</summary>
    public const string Worklist = "scan-worklist";

    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Imaging").Get<ImagingOptions>() ?? new ImagingOptions();
        if (options.MaxFileBytes <= 0 || options.MaxPixelsPerFrame <= 0 || options.MaxFrames < 1)
        {
            throw new Hosting.UserFacingException("Imaging:MaxFileBytes, MaxPixelsPerFrame and MaxFrames must be above 0; fix the setting.");
        }

        services.AddSingleton(options);
        services.AddSingleton<DiskScanStore>();
        services.AddSingleton<IScanStore>(s => s.GetRequiredService<DiskScanStore>());
        services.AddSingleton<IScanOverlaySource, StoredOverlayFiles>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Worklist, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.ScanAnalyst, Roles.HubInspector, Roles.Supervisor)));
        return services;
    }

    public static void MapImaging(this RouteGroupBuilder api)
    {
        var scans = api.MapGroup("/scans");
        scans.MapGet("/{id:guid}/frames/{n:int}", GetScanFrame.GetAsync).RequireAuthorization(Selection.SelectionModule.Customs).PeopleOnly()
            .WithSummary("One frame of a scan as raw 16-bit little-endian pixels (X-Scan-Width, X-Scan-Height); need-to-know as its selection.");
    }
}
