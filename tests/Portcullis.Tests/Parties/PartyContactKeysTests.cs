using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Cargo;
using Portcullis.Domain.Standards;
using Portcullis.Ingest;
using Portcullis.Parties;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Parties;

/// <summary>
/// The normalised contact keys stored with the parties (what the network's neighbourhood read looks up):
/// written by ingest and by EF saves, and filled in once for parties stored without them.
/// </summary>
public sealed class PartyContactKeysTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ingest_stores_a_new_party_s_address_phone_e_mail_and_domain_normalised(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(provider);
        var consignee = new PartyRecord(PartyRole.Consignee, "Fruithandel Zuid BV", "NL", null, null)
        {
            Street = "Waalhaven Zuidzijde 12",
            City = "Rotterdam",
            Postcode = "3089 jh",
            Phone = "010-1234567",
            Email = "Info@FruithandelZuid.nl",
        };
        var record = new ConsignmentRecord(
            "MAEU777", ConsignmentKind.SeaContainer, Direction.Import, HubCode: null, BookedAt: Now.AddDays(-20), DepartedAt: Now.AddDays(-17), ArrivedAt: Now, OriginCountry: "EC",
            new RouteRecord(null, "ECGYE", [], "NLRTM", null),
            [new PartyRecord(PartyRole.Consignor, "Frutas del Pacifico SA", "EC", null, null), consignee],
            [new GoodsRecord(1, "080390", "Fresh bananas", 1080, "CT", 21_500, 19_000, 18_000)],
            [new EquipmentRecord(ContainerNumber.Create("TSTU", 'U', 100001).Value, "45R1", true, [], null)]);

        await using (var db = database.CreateContext())
        {
            var writer = new CargoWriter(db, await CargoWriter.LoadHubLocationsAsync(db, ct), Now);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await writer.ConsignmentAsync(record, DocumentFunction.Original, null, "MANIFEST-1", Guid.NewGuid(), null, ct);
            await writer.FlushAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await using var read = database.CreateContext();
        var ids = await read.Parties.ToDictionaryAsync(p => p.Name, p => p.Id, ct);
        var keys = await read.PartyContactKeys.ToListAsync(ct);
        Assert.Equal(
            [(ContactKeyKind.Address, "3089JH 12"), (ContactKeyKind.Phone, "+31101234567"), (ContactKeyKind.Email, "info@fruithandelzuid.nl"), (ContactKeyKind.Domain, "fruithandelzuid.nl")],
            keys.Where(k => k.PartyId == ids["Fruithandel Zuid BV"]).Select(k => (k.Kind, k.Value)).Order());
        // A party without contacts gets the marker that says its keys were computed.
        var marker = Assert.Single(keys, k => k.PartyId == ids["Frutas del Pacifico SA"]);
        Assert.Equal((ContactKeyKind.None, ""), (marker.Kind, marker.Value));
    }

    [Fact]
    public async Task The_backfill_fills_parties_stored_without_keys_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestDatabases.CreateMigratedAsync(Provider.Sqlite);
        var withPhone = new Party { Id = Guid.NewGuid(), Name = "Zuidkade Import BV", CountryCode = "NL", FirstSeen = Now, Phone = "0031 10 555 0123" };
        var bare = new Party { Id = Guid.NewGuid(), Name = "Noordkaap Import", CountryCode = "NL", FirstSeen = Now };
        await using (var db = database.CreateContext())
        {
            db.Parties.AddRange(withPhone, bare);
            await db.SaveChangesAsync(ct);
            // A save through EF writes the keys too.
            Assert.Equal(2, await db.PartyContactKeys.CountAsync(ct));
            // As a database migrated from before the keys has them: not at all.
            await db.PartyContactKeys.ExecuteDeleteAsync(ct);
        }

        int first, second;
        await using (var db = database.CreateContext())
        {
            first = await PartyContactKeys.BackfillAsync(db, ct);
            second = await PartyContactKeys.BackfillAsync(db, ct);
        }

        await using var read = database.CreateContext();
        var keys = (await read.PartyContactKeys.ToListAsync(ct)).OrderBy(k => k.Kind).ToList();
        Assert.Equal((2, 0), (first, second));
        Assert.Equal(
            [(bare.Id, ContactKeyKind.None, ""), (withPhone.Id, ContactKeyKind.Phone, "+31105550123")],
            keys.Select(k => (k.PartyId, k.Kind, k.Value)));
    }
}
