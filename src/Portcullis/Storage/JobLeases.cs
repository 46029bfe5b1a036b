using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portcullis.Storage;

/// <summary>Who runs a background job until when. One row per job; the database decides who holds it.</summary>
public sealed class JobLease
{
    public required string Name { get; init; }

    public required string Holder { get; set; }

    public required DateTime AcquiredAt { get; set; }

    public required DateTime ExpiresAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("job_leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(80);
        builder.Property(l => l.Holder).HasMaxLength(160);
    }
}

/// <summary>
/// Runs each background job on one node at a time when several serve one database. A node holds a
/// job's lease until it expires and renews it at every run; when it dies, another node takes the
/// job over once the lease has expired. Both steps are single conditional statements, so two
/// nodes racing for a free lease cannot both win (on PostgreSQL the row lock of the UPDATE decides,
/// on SQLite the file's write lock).
/// </summary>
public sealed class JobLeases(Database database, TimeProvider clock, string? holder = null)
{
    /// <summary>This node; tests give two instances different names to play two nodes in one process.</summary>
    public string Holder { get; } = holder ?? NodeIdentity.Current;

    /// <summary>True when this node holds (or has just taken) the job's lease for the next <paramref name="duration"/>.</summary>
    public async Task<bool> TryAcquireAsync(string job, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var db = database.CreateContext();
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO job_leases ("Name", "Holder", "AcquiredAt", "ExpiresAt") VALUES ({job}, {Holder}, {now}, {until}) ON CONFLICT ("Name") DO NOTHING""",
            cancellationToken);
        if (inserted == 1)
        {
            return true;
        }

        var renewed = await db.JobLeases
            .Where(l => l.Name == job && l.Holder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (renewed == 1)
        {
            return true;
        }

        var taken = await db.JobLeases
            .Where(l => l.Name == job && l.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.AcquiredAt, now).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        return taken == 1;
    }

    /// <summary>Gives up every lease this node holds, so that another node takes over without waiting for expiry.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = database.CreateContext();
        await db.JobLeases.Where(l => l.Holder == Holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }

    /// <summary>A lease that outlives a job's interval a few times over, so a slow run does not hand the job to another node.</summary>
    public static TimeSpan For(TimeSpan interval) => TimeSpan.FromTicks(Math.Max(interval.Ticks * 3, TimeSpan.FromSeconds(30).Ticks));
}
