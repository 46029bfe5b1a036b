using Microsoft.AspNetCore.Http.HttpResults;
using Portcullis.Access;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;

namespace Portcullis.Traffic;

/// <summary>Traffic counts per hub and day, and the hub catalogue.</summary>
public static class TrafficModule
{
    public static IServiceCollection AddTraffic(this IServiceCollection services, IConfiguration configuration) => services.AddScoped<HubTraffic>();

    public static void MapTraffic(this RouteGroupBuilder api)
    {
        api.MapGet("/hubs", GetHubs).AnyToken().WithTags("Traffic").WithSummary("The hubs and their UN/LOCODE locations.");
        api.MapGet("/traffic", GetTrafficAsync).RequireAuthorization(AccessModule.CustomsData).RequireScope(TokenScopes.Read).WithTags("Traffic")
            .WithSummary("Consignments, containers and container moves per hub for a day (default today, UTC), for the caller's hubs.");
    }

    private static Ok<IReadOnlyList<HubInfo>> GetHubs() =>
        TypedResults.Ok<IReadOnlyList<HubInfo>>([.. HubCatalogue.All.Select(h => new HubInfo(h.Code, h.Name, h.Kind.ToString(),
            [.. h.Locations.Select(l => new HubLocationInfo(l.UnLocode, l.Name, l.Latitude, l.Longitude))]))]);

    private static async Task<Results<Ok<IReadOnlyList<HubDay>>, ProblemHttpResult>> GetTrafficAsync(HttpContext context, HubTraffic traffic, string? date, CancellationToken cancellationToken)
    {
        var day = traffic.Today;
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return TypedResults.Problem($"The date '{Echo.Of(date)}' is not a date; write it as yyyy-MM-dd, e.g. 2026-11-22.", statusCode: StatusCodes.Status400BadRequest, title: "Bad date.");
        }

        if (EdgeValidation.Day(day, "date") is { } outside)
        {
            return outside.ToProblem("Bad date.");
        }

        var user = CurrentUser.From(context.User)!;
        return TypedResults.Ok(await traffic.ForDayAsync(day, user.CanSeeHub, cancellationToken));
    }
}
