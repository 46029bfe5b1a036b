using Portcullis.Access;
using Portcullis.Selection;

namespace Portcullis.Monitoring;

/// <summary>
/// Hub dashboards and the waterbed monitor: read-only figures from stored inspection outcomes,
/// capacity plans and scores. Issue 17 names supervisors and the steering group of the five hubs;
/// there is no steering-group role, so supervisors (all their hubs) stand in for it.
/// </summary>
public static class MonitoringModule
{
    /// <summary>Reading the dashboards and the waterbed monitor: supervisors, people or their systems' tokens with the read scope.</summary>
    public const string Viewers = "monitoring-viewers";

    /// <summary>The longest period one request may ask for.</summary>
    public const int MaximumDays = 366;

    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Viewers, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor));
        return services;
    }

    public static void MapMonitoring(this RouteGroupBuilder api)
    {
        var monitoring = api.MapGroup("/monitoring").WithTags("Monitoring");
        monitoring.MapGet("/waterbed", Waterbed.GetAsync).RequireAuthorization(Viewers).RequireScope(TokenScopes.Read)
            .WithSummary("Supervisors: lanes (origin × HS chapter × mode) and patterns (HS chapter × mode × concealment) whose hits moved between hubs (change-point test of each hub's share), with kind, score, threshold, onset and daily shares; ?format=csv&table=flags|series.");
        monitoring.MapGet("/hubs", HubDashboard.GetAsync).RequireAuthorization(Viewers).RequireScope(TokenScopes.Read)
            .WithSummary("Supervisors: seizures, inspections and hit rates, targeted precision against the control sample, capacity use, drift and the public figures; ?format=csv&table=NAME.");
    }

    /// <summary>
    /// The period of a request: <paramref name="to"/> defaults to today (Europe/Amsterdam), <paramref name="from"/>
    /// to <paramref name="defaultDays"/> days before it; null and a one-sentence problem when it is not a period.
    /// </summary>
    public static (DateOnly From, DateOnly To)? Period(DateOnly? from, DateOnly? to, TimeProvider clock, int defaultDays, out string? problem)
    {
        var last = to ?? Shifts.LocalDate(clock.GetUtcNow().UtcDateTime);
        var first = from ?? last.AddDays(1 - defaultDays);
        problem = first > last || last.DayNumber - first.DayNumber >= MaximumDays
            ? $"The period {first:yyyy-MM-dd} to {last:yyyy-MM-dd} is not valid; give 'from' not after 'to' and at most {MaximumDays} days."
            : null;
        return problem is null ? (first, last) : null;
    }

    /// <summary>Whether the caller asked for CSV; null and a problem for a format that does not exist.</summary>
    public static bool? WantsCsv(string? format, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(format) || string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        problem = $"format '{Hosting.Echo.Of(format)}' is unknown; use format=json or format=csv.";
        return null;
    }
}
