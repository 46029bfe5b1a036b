using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Parties.Sanctions;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>
/// One imported version of one sanctions list (a snapshot). At most one version per source is
/// active; a new version becomes active in the transaction that stores all its entries.
/// </summary>
public sealed class SanctionsListVersion
{
    public long Id { get; init; }

    public required SanctionsSource Source { get; init; }

    /// <summary>The list's own version or generation date, as the file names it.</summary>
    public required string Version { get; init; }

    public DateTime? PublishedAt { get; init; }

    public required DateTime ImportedAt { get; init; }

    public required string ImportedBy { get; init; }

    /// <summary>SHA-256 of the file as received: the same file imported twice is one version.</summary>
    public required string FileSha256 { get; init; }

    public required int EntryCount { get; init; }

    public bool Active { get; set; }

    /// <summary>Optimistic concurrency: activation and deactivation race across nodes.</summary>
    public int RowVersion { get; set; } = 1;

    public List<SanctionsListEntry> Entries { get; init; } = [];
}

/// <summary>One list entry of one version, kept whole (as JSON) so a version can be screened again exactly.</summary>
public sealed class SanctionsListEntry
{
    public long VersionId { get; init; }

    public required string EntryId { get; init; }

    public required string Name { get; init; }

    public required string ContentHash { get; init; }

    /// <summary>The <see cref="SanctionsEntry"/> as JSON.</summary>
    public required string Json { get; init; }
}

/// <summary>
/// The compact record of screening: a party was last screened against the active version set
/// <see cref="Versions"/> (e.g. "eu:3,ftm:7"); hits are rows of their own. One row per party instead of
/// one per party and version: a million parties times four lists re-screened at every new version
/// would be tens of millions of rows that say "nothing found".
/// </summary>
public sealed class SanctionsScreening
{
    public required Guid PartyId { get; init; }

    public required string Versions { get; set; }

    public required DateTime ScreenedAt { get; set; }

    /// <summary>The best score of this screening at or above the threshold; null when nothing came close.</summary>
    public double? BestScore { get; set; }
}

public enum SanctionsHitStatus
{
    Open,
    Confirmed,
    Dismissed,
}

/// <summary>
/// A candidate hit of a party on a list entry, and the analyst's decision. One row per party and
/// entry (source and entry id): a re-screen updates it; a dismissal holds while the entry's
/// <see cref="ContentHash"/> is the one it was dismissed on.
/// </summary>
public sealed class SanctionsHit
{
    public required Guid Id { get; init; }

    public required Guid PartyId { get; init; }

    public required SanctionsSource Source { get; init; }

    public required string EntryId { get; init; }

    /// <summary>The list version whose screening found (or last re-found) it.</summary>
    public required long ListVersionId { get; set; }

    public required string EntryName { get; set; }

    public required string ContentHash { get; set; }

    public required double Score { get; set; }

    /// <summary>Why it matched, in English (the API's and the CLI's).</summary>
    public required string Explanation { get; set; }

    /// <summary>
    /// The same explanation as the pieces of <see cref="SanctionsPhrases"/> it is said from, so that a page says it
    /// in the reader's language; null for hits found before phrases existed until a screening explains them again.
    /// </summary>
    public List<Portcullis.Domain.Phrasing.Phrase>? ExplanationPhrases { get; set; }

    public required DateTime FoundAt { get; set; }

    public SanctionsHitStatus Status { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>The hash of the entry a dismissal was made on: a changed entry reopens the hit.</summary>
    public string? DismissedHash { get; set; }

    /// <summary>Optimistic concurrency: every change increments it; a decision made against an older one is refused.</summary>
    public int Version { get; set; } = 1;
}

/// <summary>
/// One imported version of the sanctioned-goods code list (the EU annexes for Russia and Belarus as
/// CSV). At most one is active; none active means the built-in representative excerpt applies. The
/// file is kept whole so the rules that scored a consignment can be read again.
/// </summary>
public sealed class SanctionsGoodsVersion
{
    public long Id { get; init; }

    public required string FileName { get; init; }

    public required DateTime ImportedAt { get; init; }

    public required string ImportedBy { get; init; }

    public required string FileSha256 { get; init; }

    public required int RuleCount { get; init; }

    public required string Csv { get; init; }

    public bool Active { get; set; }

    public int RowVersion { get; set; } = 1;
}

internal sealed class SanctionsGoodsVersionConfiguration : IEntityTypeConfiguration<SanctionsGoodsVersion>
{
    public void Configure(EntityTypeBuilder<SanctionsGoodsVersion> builder)
    {
        builder.ToTable("sanctions_goods_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedOnAdd();
        builder.Property(v => v.FileName).HasMaxLength(260);
        builder.Property(v => v.ImportedBy).HasMaxLength(100);
        builder.Property(v => v.FileSha256).HasMaxLength(64);
        builder.Property(v => v.RowVersion).IsConcurrencyToken();
        builder.HasIndex(v => v.FileSha256).IsUnique();
        // One active version, even when two imports commit at once on two nodes.
        builder.HasIndex(v => v.Active).IsUnique().HasFilter("\"Active\"").HasDatabaseName("IX_sanctions_goods_versions_active");
    }
}

internal sealed class SanctionsListVersionConfiguration : IEntityTypeConfiguration<SanctionsListVersion>
{
    public void Configure(EntityTypeBuilder<SanctionsListVersion> builder)
    {
        builder.ToTable("sanctions_list_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedOnAdd();
        builder.Property(v => v.Version).HasMaxLength(100);
        builder.Property(v => v.ImportedBy).HasMaxLength(100);
        builder.Property(v => v.FileSha256).HasMaxLength(64);
        builder.Property(v => v.RowVersion).IsConcurrencyToken();
        builder.HasIndex(v => new { v.Source, v.FileSha256 }).IsUnique();
        // One active version per source, even when two imports commit at once on two nodes.
        builder.HasIndex(v => v.Source).IsUnique().HasFilter("\"Active\"").HasDatabaseName("IX_sanctions_list_versions_active");
    }
}

internal sealed class SanctionsListEntryConfiguration : IEntityTypeConfiguration<SanctionsListEntry>
{
    public void Configure(EntityTypeBuilder<SanctionsListEntry> builder)
    {
        builder.ToTable("sanctions_entries");
        builder.HasKey(e => new { e.VersionId, e.EntryId });
        builder.Property(e => e.EntryId).HasMaxLength(200);
        builder.Property(e => e.Name).HasMaxLength(1000);
        builder.Property(e => e.ContentHash).HasMaxLength(64);
        builder.HasOne<SanctionsListVersion>().WithMany(v => v.Entries).HasForeignKey(e => e.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SanctionsScreeningConfiguration : IEntityTypeConfiguration<SanctionsScreening>
{
    public void Configure(EntityTypeBuilder<SanctionsScreening> builder)
    {
        builder.ToTable("sanctions_screenings");
        builder.HasKey(s => s.PartyId);
        builder.Property(s => s.Versions).HasMaxLength(200);
        builder.HasIndex(s => s.Versions);
    }
}

internal sealed class SanctionsHitConfiguration : IEntityTypeConfiguration<SanctionsHit>
{
    public void Configure(EntityTypeBuilder<SanctionsHit> builder)
    {
        builder.ToTable("sanctions_hits");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.EntryId).HasMaxLength(200);
        builder.Property(h => h.EntryName).HasMaxLength(1000);
        builder.Property(h => h.ContentHash).HasMaxLength(64);
        builder.Property(h => h.DismissedHash).HasMaxLength(64);
        builder.Property(h => h.Explanation).HasMaxLength(1000);
        builder.Property(h => h.ExplanationPhrases).HasOptionalJsonConversion();
        builder.Property(h => h.DecidedBy).HasMaxLength(100);
        builder.Property(h => h.DecisionReason).HasMaxLength(1000);
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.HasIndex(h => new { h.PartyId, h.Source, h.EntryId }).IsUnique();
        builder.HasIndex(h => h.Status);
    }
}

/// <summary>A new version of a list became active: every node rebuilds its screener, and the screening job re-screens all parties.</summary>
public sealed record SanctionsListActivated(string Source, string Version, string FileSha256) : IOutboxEvent
{
    public const string EventType = "parties.sanctions.list-activated";

    public string Type => EventType;
}

/// <summary>An analyst confirmed a hit: the risk engine keeps the reason on the party's scores.</summary>
public sealed record SanctionsHitConfirmed(Guid HitId, Guid PartyId, IReadOnlyList<Guid> SelectionIds) : IOutboxEvent
{
    public const string EventType = "parties.sanctions.hit-confirmed";

    public string Type => EventType;
}

/// <summary>A sanctioned-goods list version became active: every node's risk engine reloads its goods rules.</summary>
public sealed record SanctionedGoodsActivated(string FileSha256, int Rules) : IOutboxEvent
{
    public const string EventType = "parties.sanctions.goods-activated";

    public string Type => EventType;
}
