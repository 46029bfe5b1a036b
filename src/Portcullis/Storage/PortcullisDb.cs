using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portcullis.Access;
using Portcullis.Audit;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Hubs;

namespace Portcullis.Storage;

/// <summary>
/// The one database of Portcullis. Each provider has a subclass of its own only so that each keeps
/// its own migrations; the model is defined once, here and in the configuration classes.
/// </summary>
public abstract class PortcullisDb : DbContext
{
    protected PortcullisDb(DbContextOptions options)
        : base(options)
    {
        ChangeTracker.Tracked += AuditAppender.OnTracked;
        ChangeTracker.Tracked += OnPartyTracked;
    }

    public DbSet<Hub> Hubs => Set<Hub>();

    public DbSet<HubLocation> HubLocations => Set<HubLocation>();

    public DbSet<Party> Parties => Set<Party>();

    public DbSet<TransportMovement> Movements => Set<TransportMovement>();

    public DbSet<Consignment> Consignments => Set<Consignment>();

    public DbSet<GoodsLine> GoodsLines => Set<GoodsLine>();

    public DbSet<Equipment> Equipment => Set<Equipment>();

    public DbSet<ConsignmentEquipment> ConsignmentEquipment => Set<ConsignmentEquipment>();

    public DbSet<ContainerEvent> ContainerEvents => Set<ContainerEvent>();

    public DbSet<Ingest.IngestReceipt> IngestReceipts => Set<Ingest.IngestReceipt>();

    public DbSet<Ingest.IngestKey> IngestKeys => Set<Ingest.IngestKey>();

    public DbSet<Ingest.QuarantineItem> Quarantine => Set<Ingest.QuarantineItem>();

    public DbSet<Cargo.ConsignmentRevision> ConsignmentRevisions => Set<Cargo.ConsignmentRevision>();

    public DbSet<Risk.DeclarationFeatures> DeclarationFeatures => Set<Risk.DeclarationFeatures>();

    public DbSet<Risk.DeclarationOutcome> DeclarationOutcomes => Set<Risk.DeclarationOutcome>();

    public DbSet<Cargo.StowagePosition> StowagePositions => Set<Cargo.StowagePosition>();

    public DbSet<Risk.RuleProfileVersion> RuleProfiles => Set<Risk.RuleProfileVersion>();

    public DbSet<Risk.RiskModelVersion> RiskModels => Set<Risk.RiskModelVersion>();

    public DbSet<Risk.RiskScore> RiskScores => Set<Risk.RiskScore>();

    public DbSet<Risk.WatchListEntry> WatchList => Set<Risk.WatchListEntry>();

    public DbSet<Selection.CapacityPlan> CapacityPlans => Set<Selection.CapacityPlan>();

    public DbSet<Selection.SelectionCase> Selections => Set<Selection.SelectionCase>();

    public DbSet<Selection.SelectionTransition> SelectionTransitions => Set<Selection.SelectionTransition>();

    public DbSet<Inspection.Finding> Findings => Set<Inspection.Finding>();

    public DbSet<Inspection.InspectionPhoto> InspectionPhotos => Set<Inspection.InspectionPhoto>();

    public DbSet<Integrity.SecureLaneOrder> SecureLaneOrders => Set<Integrity.SecureLaneOrder>();

    public DbSet<Integrity.IntegrityAlarm> IntegrityAlarms => Set<Integrity.IntegrityAlarm>();

    public DbSet<Integrity.ReleaseToken> ReleaseTokens => Set<Integrity.ReleaseToken>();
    public DbSet<Integrity.Geofence> Geofences => Set<Integrity.Geofence>();
    public DbSet<Integrity.StoredReading> SensorReadings => Set<Integrity.StoredReading>();

    public DbSet<Imaging.Scan> Scans => Set<Imaging.Scan>();

    public DbSet<Imaging.ScanAnalysis> ScanAnalyses => Set<Imaging.ScanAnalysis>();

    public DbSet<Parties.SanctionsListVersion> SanctionsListVersions => Set<Parties.SanctionsListVersion>();

    public DbSet<Parties.SanctionsGoodsVersion> SanctionsGoodsVersions => Set<Parties.SanctionsGoodsVersion>();

    public DbSet<Parties.SanctionsListEntry> SanctionsEntries => Set<Parties.SanctionsListEntry>();

    public DbSet<Parties.SanctionsScreening> SanctionsScreenings => Set<Parties.SanctionsScreening>();

    public DbSet<Parties.SanctionsHit> SanctionsHits => Set<Parties.SanctionsHit>();

    public DbSet<Parties.PartyEntity> PartyEntities => Set<Parties.PartyEntity>();

    public DbSet<Parties.PartyEntityLink> PartyEntityLinks => Set<Parties.PartyEntityLink>();

    public DbSet<Parties.PartyEntityDecision> PartyEntityDecisions => Set<Parties.PartyEntityDecision>();

    public DbSet<Parties.PartyResolutionRun> PartyResolutionRuns => Set<Parties.PartyResolutionRun>();

    public DbSet<Parties.PartyContactKey> PartyContactKeys => Set<Parties.PartyContactKey>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    /// <summary>Woken when a save stored outbox rows; null where nothing dispatches (design time, some tests).</summary>
    internal OutboxSignal? OutboxSignal { get; set; }

    /// <summary>Set by <see cref="Outbox.Add"/>; cleared by a successful save or a discard.</summary>
    internal bool HasStagedOutboxRows { get; set; }

    /// <summary>Audit entries added since the last save, in the order they were added.</summary>
    internal List<AuditEntry> PendingAudit { get; } = [];

    /// <summary>The view facts staged for pending audit entries, so that a save retried after a failure stages each once.</summary>
    internal Dictionary<AuditEntry, Audit.AuditViewFact> PendingViewFacts { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Parties added through EF since the last save: their contact keys are added when it saves.</summary>
    internal List<Party> PendingParties { get; } = [];

    // Bulk writers store the keys themselves (PartyContactKeys.Of); this catches parties added through
    // EF (tests, hand-made fixtures) without a look through the change tracker on every save.
    private static void OnPartyTracked(object? sender, Microsoft.EntityFrameworkCore.ChangeTracking.EntityTrackedEventArgs e)
    {
        if (e.Entry.Entity is Party party && e.Entry.State == EntityState.Added && sender is Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker { Context: PortcullisDb db })
        {
            db.PendingParties.Add(party);
        }
    }

    // Saving links new audit entries into the hash chain (AuditAppender); everything else saves as usual.
    // A save that stored outbox rows wakes this process's dispatcher (the rows are visible to it once
    // the surrounding transaction, if any, commits).
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // A flag set by Outbox.Add rather than a look through the change tracker, which would cost
        // bulk writers a second change detection over thousands of entities per save.
        var outbox = HasStagedOutboxRows && OutboxSignal is not null;
        if (PendingParties.Count > 0)
        {
            global::Portcullis.Parties.PartyContactKeys.Stage(this);
        }

        var saved = PendingAudit.Count == 0
            ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : await AuditAppender.SaveAsync(this, base.SaveChangesAsync, acceptAllChangesOnSuccess, cancellationToken);
        HasStagedOutboxRows = false;
        if (outbox)
        {
            OutboxSignal!.Notify();
        }

        return saved;
    }

    // Synchronous callers are rare (none in Portcullis itself); they share the one asynchronous path
    // rather than a second copy of the chaining logic.
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        PendingAudit.Count == 0 && !HasStagedOutboxRows && PendingParties.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : SaveChangesAsync(acceptAllChangesOnSuccess, CancellationToken.None).GetAwaiter().GetResult();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortcullisDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as their names: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Every time in Portcullis is UTC; SQLite forgets the kind, PostgreSQL insists on it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    // Public, not private: the generated compiled models (Storage/CompiledModels) construct them.
    public sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

public sealed class SqlitePortcullisDb(DbContextOptions<SqlitePortcullisDb> options) : PortcullisDb(options);

public sealed class PostgresPortcullisDb(DbContextOptions<PostgresPortcullisDb> options) : PortcullisDb(options);
