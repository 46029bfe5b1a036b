using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portcullis.Domain.Cargo;
using Portcullis.Parties.Networks;
using Portcullis.Storage;

namespace Portcullis.Parties;

/// <summary>What a stored contact key is: the network's contact kinds, and a marker for a party without any.</summary>
public enum ContactKeyKind
{
    /// <summary>The party has no contact key: its keys were computed, so the backfill leaves it alone.</summary>
    None,
    Address,
    Phone,
    Email,
    Domain,
}

/// <summary>
/// A party's contact normalised as the network compares it (<see cref="EntityNetwork.ContactKeys"/>):
/// postcode and house number, E.164 phone, lower-case e-mail address and domain. Kept with the party so
/// that an entity's neighbourhood is found by an indexed look-up of the values it shares, rather than
/// by reading and normalising (libphonenumber) every party of the caller's hubs on each request.
/// </summary>
public sealed class PartyContactKey
{
    public required Guid PartyId { get; init; }

    public required ContactKeyKind Kind { get; init; }

    public required string Value { get; init; }
}

// A table of its own rather than four columns on parties: the look-up is "who else has this value",
// one index on (Kind, Value) answers it for every kind, and the party record stays as it came.
internal sealed class PartyContactKeyConfiguration : IEntityTypeConfiguration<PartyContactKey>
{
    public void Configure(EntityTypeBuilder<PartyContactKey> builder)
    {
        builder.ToTable("party_contact_keys");
        builder.HasKey(k => new { k.PartyId, k.Kind, k.Value });
        // Street words, number and city, or a 512-character e-mail address: 600 holds any key.
        builder.Property(k => k.Value).HasMaxLength(600);
        builder.HasOne<Party>().WithMany().HasForeignKey(k => k.PartyId);
        builder.HasIndex(k => new { k.Kind, k.Value });
    }
}

/// <summary>Writes the contact keys of new parties and fills them in for parties stored before the keys were.</summary>
public static class PartyContactKeys
{
    /// <summary>The rows to store for the parties: their contact keys, or one <see cref="ContactKeyKind.None"/> marker each.</summary>
    public static List<PartyContactKey> Of(IEnumerable<Party> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var rows = new List<PartyContactKey>();
        foreach (var party in parties)
        {
            var before = rows.Count;
            foreach (var (kind, value) in EntityNetwork.ContactKeys(party))
            {
                rows.Add(new PartyContactKey { PartyId = party.Id, Kind = Stored(kind), Value = value });
            }

            // "No rows" must mean "not computed yet" so that the backfill is idempotent and cheap to ask.
            if (rows.Count == before)
            {
                rows.Add(new PartyContactKey { PartyId = party.Id, Kind = ContactKeyKind.None, Value = "" });
            }
        }

        return rows;
    }

    /// <summary>The network's kind of link of a stored key (never asked for <see cref="ContactKeyKind.None"/>).</summary>
    public static LinkKind Link(ContactKeyKind kind) => kind switch
    {
        ContactKeyKind.Address => LinkKind.Address,
        ContactKeyKind.Phone => LinkKind.Phone,
        ContactKeyKind.Email => LinkKind.Email,
        ContactKeyKind.Domain => LinkKind.Domain,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a contact link."),
    };

    public static ContactKeyKind Stored(LinkKind kind) => kind switch
    {
        LinkKind.Address => ContactKeyKind.Address,
        LinkKind.Phone => ContactKeyKind.Phone,
        LinkKind.Email => ContactKeyKind.Email,
        LinkKind.Domain => ContactKeyKind.Domain,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a contact link."),
    };

    /// <summary>
    /// Stores the keys of every party that has none (parties stored before the keys were, or written by
    /// hand outside Portcullis), a batch per transaction; returns how many parties it filled. Run after
    /// migrations are applied and by `db migrate` (<see cref="Storage.Database.MigrateAsync"/>): the
    /// migration's SQL cannot normalise phones; the look for parties without rows reads every party.
    /// </summary>
    public static async Task<int> BackfillAsync(PortcullisDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filled = 0;
        while (true)
        {
            var batch = await db.Parties.AsNoTracking()
                .Where(p => !db.Set<PartyContactKey>().Any(k => k.PartyId == p.Id))
                .OrderBy(p => p.Id).Take(5000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return filled;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await BulkInsert.InsertAsync(db, Of(batch), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                filled += batch.Count;
            }
            catch (System.Data.Common.DbException)
            {
                // Another process starting at the same time (a second server) may have filled these first:
                // then the next round asks again for the parties still without keys.
                if (!await FilledElsewhereAsync(db, transaction, batch[0].Id, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private static async Task<bool> FilledElsewhereAsync(PortcullisDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Guid party, CancellationToken cancellationToken)
    {
        await transaction.RollbackAsync(cancellationToken);
        return await db.Set<PartyContactKey>().AnyAsync(k => k.PartyId == party, cancellationToken);
    }

    /// <summary>Adds the keys of parties added to the context since the last save (parties written through EF rather than in bulk).</summary>
    internal static void Stage(PortcullisDb db)
    {
        var added = db.PendingParties.Where(p => db.Entry(p).State == EntityState.Added).ToList();
        db.PendingParties.Clear();
        if (added.Count > 0)
        {
            db.Set<PartyContactKey>().AddRange(Of(added));
        }
    }
}
