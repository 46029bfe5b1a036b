using Microsoft.AspNetCore.DataProtection;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Cargo;
using Portcullis.Imaging;
using Portcullis.Ingest;
using Portcullis.Inspection;
using Portcullis.Integrity;
using Portcullis.Monitoring;
using Portcullis.Parties;
using Portcullis.Risk;
using Portcullis.Selection;
using Portcullis.Simulation;
using Portcullis.Storage;
using Portcullis.Traffic;
using Portcullis.Worklists;

namespace Portcullis.Hosting;

/// <summary>
/// The one composition root: the web host and every command build their services here, so a
/// setting such as PORTCULLIS_Risk__RuleTrust means the same to `serve` and to `risk score`, and
/// nothing outside this file (and the modules it lists) news up options or picks a clock.
/// </summary>
public static class PortcullisComposition
{
    /// <summary>
    /// The real clock, chosen here once. Services get it injected (tests inject a fake one); only
    /// what runs outside any service scope (the crash log, console progress lines) reads it here.
    /// </summary>
    public static TimeProvider SystemClock { get; } = TimeProvider.System;

    /// <summary>Configuration as every process reads it: built-in defaults, then PORTCULLIS_* variables, then the caller's overrides.</summary>
    public static void AddPortcullisConfiguration(this IConfigurationBuilder configuration, IReadOnlyDictionary<string, string?>? overrides)
    {
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        });
        configuration.AddEnvironmentVariables("PORTCULLIS_");
        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }

    /// <summary>Storage, clock, outbox, leases, keys, and every capability module.</summary>
    public static IServiceCollection AddPortcullis(this IServiceCollection services, IConfiguration configuration, DatabaseTarget target)
    {
        services.AddSingleton(SystemClock);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(sp => new Database(target, sp.GetRequiredService<OutboxSignal>()));
        services.AddScoped(sp => sp.GetRequiredService<Database>().CreateContext());
        services.AddScoped<UnitOfWork>();
        services.AddSingleton(configuration.GetSection("Outbox").Get<OutboxOptions>() ?? new OutboxOptions());
        services.AddSingleton<JobLeases>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxService>();

        // Keys beside the data, so that sign-in cookies survive a restart; nodes that serve one
        // database share this folder (docs/ARCHITECTURE.md), so a cookie made by one is read by all.
        var keys = KeyFolder(target, configuration);
        services.AddDataProtection()
            .SetApplicationName("portcullis")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));

        services.AddAccess(configuration);
        services.AddAudit(configuration, keys);
        services.AddCargo(configuration);
        services.AddTraffic(configuration);
        services.AddSimulation(configuration);
        services.AddIngest(configuration);
        services.AddRisk(configuration);
        services.AddSelection(configuration);
        services.AddInspection(configuration);
        services.AddIntegrity(configuration);
        services.AddImaging(configuration);
        services.AddParties(configuration);
        services.AddMonitoring(configuration);
        services.AddWorklists(configuration);
        return services;
    }

    /// <summary>Where keys live: the data-protection keys and the audit signing key.</summary>
    public static string KeyFolder(DatabaseTarget database, IConfiguration configuration)
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
