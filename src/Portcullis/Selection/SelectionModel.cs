using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Inspection;
using Portcullis.Storage;

namespace Portcullis.Selection;

/// <summary>One shift's capacity at a hub on a day: how many units can be scanned and how many physical inspections the teams can do.</summary>
public sealed class CapacityPlan
{
    public required string HubCode { get; init; }

    /// <summary>The local (Europe/Amsterdam) day the shift belongs to; a night shift runs into the next morning.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>early, late or night (see <see cref="Shifts"/>).</summary>
    public required string Shift { get; init; }

    public required int ScannerSlots { get; set; }

    public required int PhysicalInspections { get; set; }

    public required string UpdatedBy { get; set; }

    public required DateTime UpdatedAt { get; set; }
}

public enum UnitKind
{
    Container,

    /// <summary>Air waybills, flower trucks and parcels: selected as a consignment, there is no container.</summary>
    Consignment,
}

/// <summary>Where a selection is in its control. The allowed moves are in <see cref="Inspection.InspectionWorkflow"/>.</summary>
public enum SelectionState
{
    Selected,
    Scheduled,
    Scanned,
    ScanAssessed,
    PhysicalInspection,
    Closed,

    /// <summary>Withdrawn by a supervisor before the control (with a reason); not a result.</summary>
    Released,
}

public enum ScanVerdict
{
    Clear,
    Suspicious,
    NeedsPhysical,
}

/// <summary>
/// A unit chosen for control, why, and its inspection from scheduling to the result. Who may see
/// it, and from when, is decided by <see cref="Visibility"/>; the row itself never leaves customs.
/// </summary>
public sealed class SelectionCase
{
    public required Guid Id { get; init; }

    public required string HubCode { get; init; }

    /// <summary>Container number (ISO 6346) or, without a container, the consignment reference.</summary>
    public required string Unit { get; init; }

    public required UnitKind UnitKind { get; init; }

    public List<Guid> ConsignmentIds { get; init; } = [];

    public required DateOnly PlanDate { get; set; }

    public required string Shift { get; set; }

    /// <summary>When the control is planned; the inspection team sees the selection from a configured time before it.</summary>
    public required DateTime PlannedControlAt { get; set; }

    public required SelectionReason Reason { get; init; }

    /// <summary>One sentence: the planner's reason, or the analyst's for a manual selection.</summary>
    public required string Why { get; init; }

    /// <summary>
    /// <see cref="Why"/> as a phrase where the system wrote it (the planner's reasons, <see cref="PlanPhrases"/>;
    /// selections from an alarm or the watch list, <see cref="SelectionPhrases"/>), so a page says it in the
    /// reader's language; null for the analysts' own words and for rows stored before phrases existed
    /// (pages show <see cref="Why"/>).
    /// </summary>
    public Domain.Phrasing.Phrase? WhyPhrase { get; set; }

    public double Risk { get; init; }

    public double ExpectedKg { get; init; }

    public double ExpectedValue { get; init; }

    public double Uncertainty { get; init; }

    /// <summary>Whether targeting would have chosen it; on control picks this makes an unbiased precision estimate possible.</summary>
    public bool WouldBeTargeted { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTime CreatedAt { get; init; }

    public SelectionState State { get; set; }

    public ScanVerdict? Verdict { get; set; }

    public string? ScanReference { get; set; }

    public DateTime? ScannedAt { get; set; }

    public DateTime? PhysicalStartedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Set on close: whether anything was found. Null until then.</summary>
    public bool? Hit { get; set; }

    public double? SeizedKg { get; set; }

    public string? SealEvidence { get; set; }

    public string? ChainOfCustody { get; set; }

    public string? Notes { get; set; }

    public string? ReleaseReason { get; set; }

    public required DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    /// <summary>Optimistic concurrency: every change increments it, and a change made against an older version is refused.</summary>
    public int Version { get; set; } = 1;

    public List<Finding> Findings { get; init; } = [];
}

/// <summary>One transition of a selection's state: the inspection's own history.</summary>
public sealed class SelectionTransition
{
    public long Id { get; init; }

    public required Guid SelectionId { get; init; }

    public required SelectionState From { get; init; }

    public required SelectionState To { get; init; }

    public required DateTime At { get; init; }

    public required string By { get; init; }

    public string Note { get; init; } = "";

    /// <summary>
    /// <see cref="Note"/> as a phrase where the app wrote it (<see cref="PlanPhrases"/>,
    /// <see cref="SelectionPhrases"/>), so a page says it in the reader's language; null for an analyst's
    /// or inspector's own words and for rows stored before phrases existed (pages show <see cref="Note"/>).
    /// </summary>
    public Domain.Phrasing.Phrase? NotePhrase { get; init; }
}

internal sealed class CapacityPlanConfiguration : IEntityTypeConfiguration<CapacityPlan>
{
    public void Configure(EntityTypeBuilder<CapacityPlan> builder)
    {
        builder.ToTable("capacity_plans");
        builder.HasKey(p => new { p.HubCode, p.Date, p.Shift });
        builder.Property(p => p.HubCode).HasMaxLength(10);
        builder.Property(p => p.Shift).HasMaxLength(10);
        builder.Property(p => p.UpdatedBy).HasMaxLength(100);
    }
}

internal sealed class SelectionCaseConfiguration : IEntityTypeConfiguration<SelectionCase>
{
    public void Configure(EntityTypeBuilder<SelectionCase> builder)
    {
        builder.ToTable("selections");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.HubCode).HasMaxLength(10);
        builder.Property(s => s.Unit).HasMaxLength(40);
        builder.Property(s => s.Shift).HasMaxLength(10);
        builder.Property(s => s.Why).HasMaxLength(1000);
        builder.Property(s => s.WhyPhrase).HasOptionalJsonConversion();
        builder.Property(s => s.CreatedBy).HasMaxLength(100);
        builder.Property(s => s.UpdatedBy).HasMaxLength(100);
        builder.Property(s => s.ScanReference).HasMaxLength(200);
        builder.Property(s => s.SealEvidence).HasMaxLength(2000);
        builder.Property(s => s.ChainOfCustody).HasMaxLength(100);
        builder.Property(s => s.Notes).HasMaxLength(4000);
        builder.Property(s => s.ReleaseReason).HasMaxLength(1000);
        builder.Property(s => s.ConsignmentIds).HasJsonConversion();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasMany(s => s.Findings).WithOne().HasForeignKey(f => f.SelectionId);
        // A unit is selected at most once per hub and day (released ones aside), even when the
        // background job and a person fill at the same moment.
        builder.HasIndex(s => new { s.HubCode, s.PlanDate, s.Unit }).IsUnique().HasFilter("\"State\" <> 'Released'");
        builder.HasIndex(s => s.Unit);
        builder.HasIndex(s => s.State);
    }
}

internal sealed class SelectionTransitionConfiguration : IEntityTypeConfiguration<SelectionTransition>
{
    public void Configure(EntityTypeBuilder<SelectionTransition> builder)
    {
        builder.ToTable("selection_transitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.By).HasMaxLength(100);
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.Property(t => t.NotePhrase).HasOptionalJsonConversion();
        builder.HasOne<SelectionCase>().WithMany().HasForeignKey(t => t.SelectionId);
        builder.HasIndex(t => t.SelectionId);
    }
}
