using Portcullis.Access;
using Portcullis.Selection;

namespace Portcullis.Inspection;

/// <summary>
/// The control of a selected unit, from scheduling to the result, with findings and photos. Who
/// may take which step on which selection is decided per request, by Selection's visibility and
/// the inspection workflow; the policy only keeps systems and non-customs roles out.
/// </summary>
public static class InspectionModule
{
    public static IServiceCollection AddInspection(this IServiceCollection services, IConfiguration configuration) => services;

    public static void MapInspection(this RouteGroupBuilder api)
    {
        var selections = api.MapGroup("/selections").WithTags("Inspection");
        selections.MapPost("/{id:guid}/schedule", InspectionSteps.ScheduleAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Targeting team: sets or moves the planned control time.");
        selections.MapPost("/{id:guid}/scan", InspectionSteps.ScanAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Inspection team: records that the unit was scanned, with the scan's reference.");
        selections.MapPost("/{id:guid}/verdict", InspectionSteps.VerdictAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Scan analysts: the scan verdict: clear, suspicious or needs-physical.");
        selections.MapPost("/{id:guid}/physical", InspectionSteps.StartPhysicalAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Hub inspectors: starts the physical inspection (uses a physical slot of the current shift).");
        selections.MapPost("/{id:guid}/release", InspectionSteps.ReleaseAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Targeting team: withdraws (deselects) a selection that has not started, with a reason; random control picks only supervisors.");
        selections.MapPost("/{id:guid}/close", CloseInspection.CloseAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Closes the control with its result (no finding, or findings with chain of custody); the result becomes a training label.");
        selections.MapPost("/{id:guid}/photos", InspectionPhotos.UploadAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("Hub inspectors: adds a photo (raw JPEG or PNG body, ?fileName=) during or after the physical inspection.");
        selections.MapGet("/{id:guid}/photos/{photoId:guid}", InspectionPhotos.DownloadAsync).RequireAuthorization(SelectionModule.Customs).PeopleOnly()
            .WithSummary("One inspection photo; logged as a view of the finding.");
    }
}
