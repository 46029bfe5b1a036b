using Portcullis.Access;
using Portcullis.Hosting;

namespace Portcullis.Imaging;

/// <summary>
/// Scans: X-ray images from our scanners and partner customs, the content-addressed store, their
/// links to containers and controls, and the viewer (docs/IMAGING.md).
/// </summary>
public static class ImagingModule
{
    /// <summary>Who may send scans: our scan analysts, hub inspectors and supervisors (people or their scanners' tokens), and partner administrations' tokens.</summary>
    public const string Senders = "imaging-senders";

    /// <summary>Who may read a scan's record: customs people (need-to-know decides which scans), and the sending systems (their own receipts only).</summary>
    public const string Readers = "imaging-readers";

    /// <summary>Who works the scan worklist: scan analysts, hub inspectors and supervisors.</summary>
    public const string Worklist = "scan-worklist";

    /// <summary>Who may re-run a scan's analysis: scan analysts and supervisors.</summary>
    public const string Analysts = "scan-analysts";

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
        services.AddSingleton<ScanPreviews>();
        services.AddSingleton<Storage.IOutboxHandler, ScanLinker>();
        services.AddSingleton(ScanAnalysisModel.Load(options.Analysis.ModelPath, options.Analysis.RiskWeight));
        services.AddSingleton<Storage.IOutboxHandler, ScanAnalysisJob>();
        string[] systems = [.. SubmitScan.OwnSenders, Roles.PartnerAgency];
        services.AddAuthorizationBuilder()
            .AddPolicy(Senders, p => p.RequireAuthenticatedUser().RequireAssertion(c => CurrentUser.From(c.User) is { } user
                && (user.IsSystem ? systems : SubmitScan.OwnSenders).Contains(user.Role, StringComparer.Ordinal)))
            .AddPolicy(Readers, p => p.RequireAuthenticatedUser().RequireAssertion(c => CurrentUser.From(c.User) is { } user
                && (user.IsSystem ? systems : Roles.Customs).Contains(user.Role, StringComparer.Ordinal)))
            .AddPolicy(Analysts, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.ScanAnalyst, Roles.Supervisor)))
            .AddPolicy(Worklist, p => p.RequireAuthenticatedUser().RequireAssertion(c => AccessModule.IsPerson(c.User, Roles.ScanAnalyst, Roles.HubInspector, Roles.Supervisor)));
        services.AddSingleton<IScanOverlaySource, StoredOverlayFiles>();
        services.AddSingleton<IScanOverlaySource, StoredAnalysisOverlays>();
        return services;
    }

    public static void MapImaging(this RouteGroupBuilder api)
    {
        var scans = api.MapGroup("/scans").WithTags("Imaging");
        scans.MapPost("/", SubmitScan.HandleAsync).RequireAuthorization(Senders).RequireAnyScope(TokenScopes.ScansWrite, TokenScopes.ScansPartner)
            .AcceptsFile("multipart/form-data").DescribeForm()
            .WithSummary("Stores a scan (multipart: file, or low and high; fields subjectKind, subject, scanner, site, scannedAt, direction). Our scanners (scans:write) and staff send our own scans, partner administrations (scans:partner) theirs.");
        scans.MapGet("/{id:guid}", GetScans.DetailAsync).RequireAuthorization(Readers).RequireAnyScope(TokenScopes.ScansWrite, TokenScopes.ScansPartner)
            .WithSummary("One scan's record and links (need-to-know of its control; logged as a view). A sending system reads back its own receipt only.");
        scans.MapGet("/", GetScans.ListAsync).RequireAuthorization(Readers).PeopleOnly()
            .WithSummary("Scans of a container (?container=), of a control (?selection=) or waiting for one (?waiting=true), that you may see; each logged as a view.");
        scans.MapGet("/{id:guid}/preview", GetScans.PreviewAsync).RequireAuthorization(Readers).PeopleOnly()
            .WithSummary("The scan's 8-bit preview (PNG, at most 1200 pixels wide, automatic window); logged as a view.");
        scans.MapGet("/{id:guid}/frames/{n:int}", GetScanFrame.GetAsync).RequireAuthorization(Selection.SelectionModule.Customs).PeopleOnly()
            .WithSummary("One frame of a scan as raw 16-bit little-endian pixels (X-Scan-Width, X-Scan-Height); need-to-know as its selection.");
        scans.MapGet("/{id:guid}/analysis", ScanAnalysisApi.GetAsync).RequireAuthorization(Readers).PeopleOnly()
            .WithSummary("The scan's newest analysis (score, alarm, regions with kind, score and kg, reasons, heatmap, version, time; or the refusal 'cannot analyse: …') and the comparisons of its origin–arrival pairs whose other scan you may see too; need-to-know as the scan; logged as a view.");
        scans.MapPost("/{id:guid}/analyze", ScanAnalysisApi.RerunAsync).RequireAuthorization(Analysts).PeopleOnly()
            .WithSummary("Analyses the scan again with the server's model (and compares it with the other scan of its pair); scan analysts and supervisors who may see the scan; audited as scan.analysed.");
    }
}
