using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portcullis.Storage;

namespace Portcullis.Hosting;

internal sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(database.Target.Provider.ToString())
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}
