using Portcullis.Access;

namespace Portcullis.Audit;

/// <summary>The tamper-evident audit log: its signing key, the checkpoint job, and verification over REST.</summary>
public static class AuditModule
{
    /// <summary>Auditors and supervisors may check the log; it reveals no cargo data, only whether it was tampered with.</summary>
    public const string Verify = "audit-verify";

    /// <summary>Audit search and insider-risk leads: auditors only (a supervisor is among those the leads are about).</summary>
    public const string Auditors = "auditors";

    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration, string keysFolder)
    {
        var options = configuration.GetSection("Audit").Get<AuditOptions>() ?? new AuditOptions();
        services.AddSingleton(options);
        services.AddSingleton(new AuditSigningKey(keysFolder));
        services.AddSingleton(new AuditCheckpointLog(options.CheckpointLog is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(keysFolder, AuditCheckpointLog.DefaultFileName)));
        services.AddHttpClient(AuditCheckpointPush.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<AuditCheckpointPush>();
        services.AddHostedService<AuditCheckpointService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Verify, p => p.RequireAuthenticatedUser().RequireRole(Roles.Auditor, Roles.Supervisor))
            .AddPolicy(Auditors, p => p.RequireAuthenticatedUser().RequireRole(Roles.Auditor));
        return services;
    }

    public static void MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/verify", VerifyAuditLog.VerifyAsync).RequireAuthorization(Verify).PeopleOnly()
            .WithSummary("Walks the whole audit hash chain and checks every signed checkpoint; says the log is intact or names the first bad entry.");
        audit.MapGet("/entries", SearchAudit.GetAsync).RequireAuthorization(Auditors).PeopleOnly()
            .WithSummary("Auditors: audit entries by actor, action prefix, subject text and period (local days), newest first, 50 a page; entries about a control still to come are withheld; ?format=csv. The search is audited.");
        audit.MapGet("/leads", AuditLeads.GetAsync).RequireAuthorization(Auditors).PeopleOnly()
            .WithSummary("Auditors: insider-risk leads of a period, ranked, each with its signals in plain sentences and the audit entries behind them; a lead is worth a look, never an accusation; ?format=csv. The request is audited.");
    }
}
