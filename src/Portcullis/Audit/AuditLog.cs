using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Access;

namespace Portcullis.Audit;

/// <summary>
/// One thing someone did that an investigation may need to see later: who, in which organisation,
/// when, what, on which subject. Rows are only ever added, and each carries the hash of the one
/// before it (docs/AUDIT.md), so an edited or removed row shows up in `portcullis audit verify`.
/// </summary>
public sealed class AuditEntry
{
    private DateTime _at;

    public long Id { get; init; }

    /// <summary>Position in the chain: 1, 2, 3, … without gaps. Assigned when the entry is saved.</summary>
    public long Sequence { get; internal set; }

    /// <summary>
    /// Whole microseconds (what PostgreSQL keeps), so that the stored and the hashed value agree.
    /// Never earlier than the previous entry's: when a concurrent writer saved first, the time is raised to its.
    /// </summary>
    public required DateTime At { get => _at; init => _at = value; }

    public required string Actor { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>A dotted verb such as risk.profile.activate.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, e.g. a profile version or model id.</summary>
    public required string Subject { get; init; }

    public string Detail { get; init; } = "";

    /// <summary>The <see cref="Hash"/> of entry Sequence − 1; 64 zeros for the first entry.</summary>
    public string PreviousHash { get; internal set; } = "";

    /// <summary>SHA-256 (64 lowercase hex) of this entry's fields and <see cref="PreviousHash"/>; empty only for a row written before the chain existed and not yet sealed.</summary>
    public string Hash { get; internal set; } = "";

    /// <summary>Only the appender, before the entry is hashed: the chain's times never go back.</summary>
    internal void RaiseAtTo(DateTime notBefore) => _at = notBefore > _at ? notBefore : _at;
}

public static class AuditLog
{
    /// <summary>
    /// Adds an entry to the context; it is written with the caller's own transaction, so it lands
    /// exactly when the change does. Sequence and hashes are assigned by SaveChanges.
    /// </summary>
    public static void Record(Storage.PortcullisDb db, TimeProvider clock, string actor, Guid? organisationId, string action, string subject, string detail = "") =>
        db.Audit.Add(new AuditEntry { At = AuditChain.ToMicroseconds(clock.GetUtcNow().UtcDateTime), Actor = actor, OrganisationId = organisationId, Action = action, Subject = subject, Detail = detail });

    public static void Record(Storage.PortcullisDb db, TimeProvider clock, CurrentUser user, string action, string subject, string detail = "") =>
        Record(db, clock, user.Name, user.OrganisationId, action, subject, detail);

    /// <summary>Records that someone looked at something need-to-know, as action view.{what} (e.g. view.selection, view.score).</summary>
    public static void RecordView(Storage.PortcullisDb db, TimeProvider clock, CurrentUser user, string what, string subject, string detail = "") =>
        Record(db, clock, user, "view." + what, subject, detail);
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
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => new { a.Subject, a.At });
        // The leads count a period's view entries (to find those without a view fact) from this index alone.
        builder.HasIndex(a => new { a.Action, a.At });
        // The cross-process safety net: two writers that read the same tail cannot both append.
        builder.HasIndex(a => a.Sequence).IsUnique();
    }
}
