using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Phrasing;
using Portcullis.Storage;

namespace Portcullis.Risk;

public enum ProfileStatus
{
    Draft,
    Active,
    Retired,
}

/// <summary>
/// One version of an analysts' rule profile, kept as the YAML they wrote. Each name has at most one
/// active version; activating a version retires the one before it. Only supervisors activate.
/// </summary>
public sealed class RuleProfileVersion
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required int Version { get; init; }

    public required string Yaml { get; init; }

    public required string Author { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required string ChangeReason { get; init; }

    /// <summary>Hub codes the profile applies to; empty for every hub.</summary>
    public List<string> Hubs { get; init; } = [];

    public DateTime? ValidFrom { get; init; }

    public DateTime? ValidTo { get; init; }

    public ProfileStatus Status { get; set; }

    public string? ActivatedBy { get; set; }

    public DateTime? ActivatedAt { get; set; }
}

public enum ModelStatus
{
    Candidate,
    Active,
    Retired,
}

/// <summary>A trained model in the registry: its window, features, validation metrics and the model itself.</summary>
public sealed class RiskModelVersion
{
    public required Guid Id { get; init; }

    public required int Version { get; init; }

    public required DateTime TrainedAt { get; init; }

    public required string TrainedBy { get; init; }

    public required DateTime WindowFrom { get; init; }

    public required DateTime WindowTo { get; init; }

    public required int Cases { get; init; }

    public required int Hits { get; init; }

    public List<string> Features { get; init; } = [];

    /// <summary>Validation-window metrics and chosen hyperparameters, as JSON for display.</summary>
    public required string Metrics { get; init; }

    public required byte[] Artifact { get; init; }

    public ModelStatus Status { get; set; }

    public string? ActivatedBy { get; set; }

    public DateTime? ActivatedAt { get; set; }
}

/// <summary>The latest assessment of a consignment: combined score, its parts and every reason.</summary>
public sealed class RiskScore
{
    public required Guid ConsignmentId { get; init; }

    public required string HubCode { get; set; }

    public required DateTime ScoredAt { get; set; }

    /// <summary>
    /// The consignment's arrival when it was scored (a copy of consignments.ArrivedAt), so that a period's
    /// scores are read from one index of this table: the weekly drift joined a full-scale month's 892,752
    /// scores to their consignments for 4 s (docs/BENCHMARKS.md). Like the rest of the score it is as of
    /// scoring: a manifest replaced later does not rescore the consignment, so both stay as they were.
    /// </summary>
    public required DateTime ArrivedAt { get; set; }

    public required double Score { get; set; }

    public required double RuleScore { get; set; }

    /// <summary>Null when no model was active: the score is then rules only.</summary>
    public double? ModelProbability { get; set; }

    public int? ModelVersion { get; set; }

    public List<string> Profiles { get; set; } = [];

    public List<RiskReason> Reasons { get; set; } = [];

    /// <summary>
    /// Replaces the reasons of one evidence source (an alarm, a confirmed sanctions hit, a scan analysis)
    /// that lives outside the engine, re-weighing the score by noisy-or; false when nothing changed.
    /// </summary>
    public bool ReplaceEvidence(string source, IReadOnlyList<RiskReason> reasons)
    {
        var old = Reasons.Where(r => r.Source == source).ToList();
        if (old.SequenceEqual(reasons))
        {
            return false;
        }

        Score = Integrity.Alarms.AlarmEvidence.Reweigh(Score, old.Select(r => r.Effect), reasons.Select(r => r.Effect));
        Reasons = [.. reasons, .. Reasons.Where(r => r.Source != source)];
        return true;
    }
}

/// <summary>
/// One line of an explanation: a fired rule or a model feature, in plain language. <c>Phrase</c>, when the
/// engine wrote the text from its phrase catalogue (<see cref="ReasonPhrases"/>), lets a page say it in
/// the reader's language; rules are the analysts' own words, so theirs is null: a rule that has a Dutch
/// reason (<c>reason_nl</c>) brings it filled in as <c>DutchText</c>, which Dutch pages show instead.
/// </summary>
public sealed record RiskReason(string Source, string Name, string Text, double Effect,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Phrase? Phrase = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? DutchText = null);

/// <summary>A party analysts want flagged: rules can test "party on the watch list".</summary>
public sealed class WatchListEntry
{
    public required Guid Id { get; init; }

    public required Guid PartyId { get; init; }

    public required string Reason { get; init; }

    public required string AddedBy { get; init; }

    public required DateTime AddedAt { get; init; }

    public DateTime? RemovedAt { get; set; }
}

internal sealed class RuleProfileVersionConfiguration : IEntityTypeConfiguration<RuleProfileVersion>
{
    public void Configure(EntityTypeBuilder<RuleProfileVersion> builder)
    {
        builder.ToTable("risk_rule_profiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Author).HasMaxLength(100);
        builder.Property(p => p.ActivatedBy).HasMaxLength(100);
        builder.Property(p => p.ChangeReason).HasMaxLength(500);
        builder.Property(p => p.Hubs).HasJsonConversion();
        builder.HasIndex(p => new { p.Name, p.Version }).IsUnique();
    }
}

internal sealed class RiskModelVersionConfiguration : IEntityTypeConfiguration<RiskModelVersion>
{
    public void Configure(EntityTypeBuilder<RiskModelVersion> builder)
    {
        builder.ToTable("risk_models");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.TrainedBy).HasMaxLength(100);
        builder.Property(m => m.ActivatedBy).HasMaxLength(100);
        builder.Property(m => m.Features).HasJsonConversion();
        builder.HasIndex(m => m.Version).IsUnique();
    }
}

internal sealed class RiskScoreConfiguration : IEntityTypeConfiguration<RiskScore>
{
    public void Configure(EntityTypeBuilder<RiskScore> builder)
    {
        builder.ToTable("risk_scores");
        builder.HasKey(s => s.ConsignmentId);
        builder.HasOne<Consignment>().WithOne().HasForeignKey<RiskScore>(s => s.ConsignmentId);
        builder.Property(s => s.HubCode).HasMaxLength(10);
        builder.Property(s => s.Profiles).HasJsonConversion();
        builder.Property(s => s.Reasons).HasJsonConversion();
        builder.HasIndex(s => new { s.HubCode, s.Score });
        // The drift counts a period's scores per day and bin from this index alone.
        builder.HasIndex(s => new { s.ArrivedAt, s.Score });
    }
}

internal sealed class WatchListEntryConfiguration : IEntityTypeConfiguration<WatchListEntry>
{
    public void Configure(EntityTypeBuilder<WatchListEntry> builder)
    {
        builder.ToTable("risk_watch_list");
        builder.HasKey(w => w.Id);
        builder.HasOne<Party>().WithMany().HasForeignKey(w => w.PartyId);
        builder.Property(w => w.Reason).HasMaxLength(500);
        builder.Property(w => w.AddedBy).HasMaxLength(100);
        builder.HasIndex(w => w.PartyId);
    }
}
