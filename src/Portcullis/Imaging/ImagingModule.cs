namespace Portcullis.Imaging;

/// <summary>
/// Scans: X-ray images from our scanners and partner customs, the content-addressed store, their
/// links to containers and controls, and the viewer (docs/IMAGING.md).
/// </summary>
public static class ImagingModule
{
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
        return services;
    }

    public static void MapImaging(this RouteGroupBuilder api)
    {
        _ = api;
    }
}
