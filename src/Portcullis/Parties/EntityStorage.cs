using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Storage;

namespace Portcullis.Parties;

public enum PartyEntityKind
{
    /// <summary>No member's name carries a legal form: a company without one, or a person.</summary>
    Unknown,
    Company,
}

/// <summary>
/// A resolved real entity behind two or more party records. A party without a link is its own
/// entity (its entity id is its party id), so a million singletons are not written as rows.
/// </summary>
public sealed class PartyEntity
{
    public required Guid Id { get; init; }

    /// <summary>The name of its oldest member as that party's first document sent it.</summary>
    public required string DisplayName { get; set; }

    public PartyEntityKind Kind { get; set; }

    public required string CountryCode { get; set; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; set; }

    /// <summary>The resolution run that last wrote it (0 when only an analyst's decision did).</summary>
    public long RunId { get; set; }

    public int PartyCount { get; set; }
}

public enum PartyLinkSource
{
    /// <summary>The pairwise model linked the party (its strongest kept link is the evidence).</summary>
    Model,

    /// <summary>An analyst's merge put it here.</summary>
    Analyst,
}

/// <summary>Party → entity, with the evidence: the party record itself stays as it came.</summary>
public sealed class PartyEntityLink
{
    public required Guid PartyId { get; init; }

    public required Guid EntityId { get; set; }

    /// <summary>The link's score (sum of log2 m/u); null for an analyst's merge without a model link.</summary>
    public double? Score { get; set; }

    /// <summary>The party it is linked through (the other side of its strongest kept link).</summary>
    public Guid? LinkedTo { get; set; }

    /// <summary>JSON array of {field, text, weight}: "same phone +31101234567" weighing +16.0.</summary>
    public required string Evidence { get; set; }

    public PartyLinkSource Source { get; set; }

    public long RunId { get; set; }
}

public enum PartyDecisionKind
{
    Merge,
    Split,
}

/// <summary>
/// An analyst's merge or split, kept as a constraint for every later run: a merge says all of
/// <see cref="PartyIds"/> are one entity; a split says none of <see cref="PartyIds"/> is the same
/// entity as any of <see cref="OtherPartyIds"/>. A later decision on the same pair overrides an earlier one.
/// </summary>
public sealed class PartyEntityDecision
{
    public long Id { get; init; }

    public required PartyDecisionKind Kind { get; init; }

    public required List<Guid> PartyIds { get; init; }

    /// <summary>A split's remaining parties (empty for a merge).</summary>
    public List<Guid> OtherPartyIds { get; init; } = [];

    public required string DecidedBy { get; init; }

    public required DateTime DecidedAt { get; init; }

    public required string Reason { get; init; }
}

/// <summary>One run of the resolution: what it read and wrote.</summary>
public sealed class PartyResolutionRun
{
    public long Id { get; init; }

    public required DateTime StartedAt { get; init; }

    public DateTime FinishedAt { get; set; }

    public required string RunBy { get; init; }

    public int Parties { get; set; }

    public int Entities { get; set; }

    public int LinkedParties { get; set; }

    public long ComparedPairs { get; set; }

    public int Decisions { get; set; }
}

internal sealed class PartyEntityConfiguration : IEntityTypeConfiguration<PartyEntity>
{
    public void Configure(EntityTypeBuilder<PartyEntity> builder)
    {
        builder.ToTable("party_entities");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.DisplayName).HasMaxLength(512);
        builder.Property(e => e.CountryCode).HasMaxLength(8);
    }
}

internal sealed class PartyEntityLinkConfiguration : IEntityTypeConfiguration<PartyEntityLink>
{
    public void Configure(EntityTypeBuilder<PartyEntityLink> builder)
    {
        builder.ToTable("party_entity_links");
        builder.HasKey(l => l.PartyId);
        builder.Property(l => l.Evidence).HasMaxLength(4000);
        builder.HasIndex(l => l.EntityId);
    }
}

internal sealed class PartyEntityDecisionConfiguration : IEntityTypeConfiguration<PartyEntityDecision>
{
    public void Configure(EntityTypeBuilder<PartyEntityDecision> builder)
    {
        builder.ToTable("party_entity_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.DecidedBy).HasMaxLength(100);
        builder.Property(d => d.Reason).HasMaxLength(1000);
        builder.Property(d => d.PartyIds).HasJsonConversion();
        builder.Property(d => d.OtherPartyIds).HasJsonConversion();
    }
}

internal sealed class PartyResolutionRunConfiguration : IEntityTypeConfiguration<PartyResolutionRun>
{
    public void Configure(EntityTypeBuilder<PartyResolutionRun> builder)
    {
        builder.ToTable("party_resolution_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.RunBy).HasMaxLength(100);
    }
}
