using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portcullis.Access;

/// <summary>
/// One thing someone did that an investigation may need to see later: who, in which organisation,
/// when, what, on which subject. Rows are only ever added.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public required DateTime At { get; init; }

    public required string Actor { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>A dotted verb such as risk.profile.activate.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, e.g. a profile version or model id.</summary>
    public required string Subject { get; init; }

    public string Detail { get; init; } = "";
}

public static class AuditLog
{
    /// <summary>Adds an entry to the context; it is written with the caller's own transaction, so it lands exactly when the change does.</summary>
    public static void Record(Storage.PortcullisDb db, TimeProvider clock, string actor, Guid? organisationId, string action, string subject, string detail = "") =>
        db.Audit.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, Actor = actor, OrganisationId = organisationId, Action = action, Subject = subject, Detail = detail });

    public static void Record(Storage.PortcullisDb db, TimeProvider clock, CurrentUser user, string action, string subject, string detail = "") =>
        Record(db, clock, user.Name, user.OrganisationId, action, subject, detail);
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.HasIndex(a => new { a.Subject, a.At });
    }
}
