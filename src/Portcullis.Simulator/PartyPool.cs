using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

internal enum Sector
{
    Fruit,
    Food,
    General,
    Cocoa,
    Flowers,
    Webshop,
}

/// <summary>A party in the simulator's memory: the domain record plus when it was first emitted.</summary>
internal sealed class PoolParty(Party party)
{
    public Party Party { get; } = party;

    public bool Emitted { get; set; }

    public Guid Id => Party.Id;

    /// <summary>Ground truth: the smuggling organisation behind a front; null for honest parties.</summary>
    public string? Organisation { get; init; }

    /// <summary>Ground truth: the party this one is another registration of (a variant spelling of one real company).</summary>
    public PoolParty? AliasOf { get; init; }

    /// <summary>A second registration of the same company (another spelling, often no EORI), when it has one.</summary>
    public PoolParty? Alias { get; set; }
}

/// <summary>
/// The traders and intermediaries that recur on documents. Pools are created lazily in request
/// order (deterministic) and grow with new parties whose FirstSeen is the day they appear.
/// Parties are emitted in <see cref="DayContext.NewParties"/> the first day they are used.
/// </summary>
internal sealed class PartyPool(SimRandom rng, DateTime firstDay, ContactBook contacts)
{
    private static readonly string[] EuImporterCountries = ["NL", "NL", "NL", "NL", "NL", "NL", "BE", "DE", "DE", "FR", "ES", "IT"];

    private readonly Dictionary<string, List<PoolParty>> exporters = new(StringComparer.Ordinal);
    private readonly Dictionary<Sector, List<PoolParty>> importers = [];
    private readonly Dictionary<string, List<PoolParty>> recipients = new(StringComparer.Ordinal);
    private readonly List<PoolParty> privateSenders = new(4096);
    private List<PoolParty>? forwarders;
    private List<PoolParty>? declarants;
    private string[]? hauliers;

    public IReadOnlyList<PoolParty> Forwarders => forwarders ??= Build(120, "NL", Sector.General, SectorWords.Logistics, aeoShare: 0.5);

    public IReadOnlyList<PoolParty> Declarants => declarants ??= Build(60, "NL", Sector.General, SectorWords.Customs, aeoShare: 0.6);

    public PoolParty Exporter(string country, Sector sector, DayContext day)
    {
        var key = country + ":" + sector;
        if (!exporters.TryGetValue(key, out var pool))
        {
            pool = Build(ExporterPoolSize(country, sector), country, sector, SectorWords.For(sector), aeoShare: 0.0);
            exporters[key] = pool;
        }

        if (rng.Chance(0.004))
        {
            pool.Add(NewParty(country, sector, day.Start, aeo: AeoStatus.None));
        }

        return pool[rng.ZipfIndex(pool.Count, 1.1)];
    }

    /// <summary>An EU importer; now and then a brand-new, honest one (new businesses are not all fronts).</summary>
    public PoolParty Importer(Sector sector, DayContext day)
    {
        if (!importers.TryGetValue(sector, out var pool))
        {
            pool = BuildImporters(sector);
            importers[sector] = pool;
        }

        if (rng.Chance(0.006))
        {
            var fresh = NewParty(rng.Pick(EuImporterCountries), sector, day.Start, aeo: AeoStatus.None);
            pool.Add(fresh);
            return fresh;
        }

        // Recently created honest importers get repeat business too, not only the big established ones.
        if (pool.Count > ImporterPoolSize(sector) && rng.Chance(0.02))
        {
            return pool[rng.Next(ImporterPoolSize(sector), pool.Count)];
        }

        return contacts.AliasOf(pool[rng.ZipfIndex(pool.Count, 1.05)]);
    }

    /// <summary>A front company of one of the groups working a pattern: newly registered, no AEO status, set up to receive a handful of loads.</summary>
    public PoolParty Front(Sector sector, DayContext day, string pattern)
    {
        var country = rng.Chance(0.8) ? "NL" : rng.Pick(["BE", "DE"]);
        var organisation = contacts.CellOf(pattern);
        var front = NewParty(country, sector, day.Start, AeoStatus.None, organisation: organisation);
        contacts.DressFront(front.Party, organisation);
        return front;
    }

    public PoolParty Forwarder() => Forwarders[rng.ZipfIndex(Forwarders.Count, 1.0)];

    public PoolParty Declarant() => Declarants[rng.ZipfIndex(Declarants.Count, 1.0)];

    public string Haulier()
    {
        hauliers ??= BuildHauliers();
        return hauliers[rng.ZipfIndex(hauliers.Length, 1.0)];
    }

    /// <summary>A private person sending a parcel; a few send often, most only once.</summary>
    public PoolParty PrivateSender(DayContext day)
    {
        if (privateSenders.Count > 0 && rng.Chance(0.5))
        {
            return privateSenders[rng.Next(privateSenders.Count)];
        }

        var person = NewPerson("NL", day.Start);
        Remember(privateSenders, person, 50_000);
        return person;
    }

    public PoolParty NewPrivateSender(DayContext day) => NewPerson("NL", day.Start);

    public PoolParty Recipient(string country, DayContext day)
    {
        if (!recipients.TryGetValue(country, out var pool))
        {
            pool = new List<PoolParty>(1024);
            recipients[country] = pool;
        }

        if (pool.Count > 0 && rng.Chance(0.35))
        {
            return pool[rng.Next(pool.Count)];
        }

        var person = NewPerson(country, day.Start);
        Remember(pool, person, 20_000);
        return person;
    }

    /// <summary>A NL webshop; the established ones send most parcels.</summary>
    public PoolParty Webshop(DayContext day) => Importer(Sector.Webshop, day);

    private static int ExporterPoolSize(string country, Sector sector) => (country, sector) switch
    {
        ("CN", _) => 1500,
        (_, Sector.General) => 300,
        (_, Sector.Fruit) or (_, Sector.Flowers) => 90,
        (_, Sector.Cocoa) => 20,
        _ => 120,
    };

    private static int ImporterPoolSize(Sector sector) => sector switch
    {
        Sector.General => 4000,
        Sector.Fruit => 250,
        Sector.Food => 500,
        Sector.Cocoa => 25,
        Sector.Flowers => 600,
        Sector.Webshop => 2000,
        _ => 200,
    };

    private List<PoolParty> BuildImporters(Sector sector)
    {
        var size = ImporterPoolSize(sector);
        var pool = new List<PoolParty>(size + 256);
        for (var i = 0; i < size; i++)
        {
            // The big, long-established importers at the head of the Zipf curve are mostly AEO certified.
            var aeoChance = i < size / 10 ? 0.7 : 0.15;
            var aeo = rng.Chance(aeoChance) ? (rng.Chance(0.6) ? AeoStatus.AeoF : AeoStatus.AeoC) : AeoStatus.None;
            pool.Add(NewParty(rng.Pick(EuImporterCountries), sector, EstablishedFirstSeen(), aeo));
        }

        return pool;
    }

    private List<PoolParty> Build(int size, string country, Sector sector, IReadOnlyList<string> words, double aeoShare)
    {
        var pool = new List<PoolParty>(size + 64);
        for (var i = 0; i < size; i++)
        {
            var aeo = rng.Chance(aeoShare) ? (rng.Chance(0.6) ? AeoStatus.AeoF : AeoStatus.AeoS) : AeoStatus.None;
            pool.Add(NewParty(country, sector, EstablishedFirstSeen(), aeo, words));
        }

        return pool;
    }

    private string[] BuildHauliers()
    {
        var names = new string[200];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = NameGenerator.Company(rng, "NL", SectorWords.Transport);
        }

        return names;
    }

    /// <summary>Most established parties were first seen years ago; a few only weeks before the run.</summary>
    private DateTime EstablishedFirstSeen()
    {
        var daysAgo = rng.Chance(0.03) ? rng.Next(31, 90) : (int)Math.Exp(rng.Uniform(Math.Log(90), Math.Log(4500)));
        return firstDay.AddDays(-daysAgo);
    }

    private PoolParty NewParty(string country, Sector sector, DateTime firstSeen, AeoStatus aeo, IReadOnlyList<string>? words = null, string? organisation = null)
    {
        var party = new Party
        {
            Id = rng.NextGuid(),
            Name = NameGenerator.Company(rng, country, words ?? SectorWords.For(sector)),
            CountryCode = country,
            Eori = Eori(country),
            Aeo = aeo,
            FirstSeen = firstSeen,
        };
        if (organisation is null)
        {
            contacts.Dress(party, person: false);
        }

        return new PoolParty(party) { Organisation = organisation };
    }

    private PoolParty NewPerson(string country, DateTime firstSeen)
    {
        var person = new Party
        {
            Id = rng.NextGuid(),
            Name = NameGenerator.Person(rng),
            CountryCode = country,
            Aeo = AeoStatus.None,
            FirstSeen = firstSeen,
        };
        contacts.Dress(person, person: true);
        return new PoolParty(person);
    }

    private void Remember(List<PoolParty> pool, PoolParty party, int cap)
    {
        if (pool.Count < cap)
        {
            pool.Add(party);
        }
        else
        {
            pool[rng.Next(cap)] = party;
        }
    }

    private string? Eori(string country) => country switch
    {
        "NL" => "NL" + rng.Digits(9),
        "BE" => "BE0" + rng.Digits(9),
        "DE" => "DE" + rng.Digits(12),
        "FR" => "FR" + rng.Digits(14),
        "ES" => "ES" + rng.Letter() + rng.Digits(8),
        "IT" => "IT" + rng.Digits(11),
        _ => null,
    };
}

internal static class SectorWords
{
    public static readonly string[] Fruit = ["Fruit", "Frutas", "Agro", "Produce", "Tropical", "Fresh", "Exports", "Banana"];
    public static readonly string[] Food = ["Foods", "Seafood", "Provisions", "Alimentos", "Agro", "Cold Chain"];
    public static readonly string[] General = ["Trading", "International", "Global", "Industries", "Import", "Handel", "Commerce", "Supply"];
    public static readonly string[] Cocoa = ["Cocoa", "Commodities", "Agri", "Cacao", "Beans"];
    public static readonly string[] Flowers = ["Flowers", "Roses", "Floral", "Bloemen", "Blooms", "Farms"];
    public static readonly string[] Webshop = ["Online", "Shop", "Store", "Webwinkel", "Direct", "Goods"];
    public static readonly string[] Logistics = ["Logistics", "Forwarding", "Shipping", "Cargo", "Freight"];
    public static readonly string[] Customs = ["Customs Services", "Douane Services", "Customs Brokers", "Clearance"];
    public static readonly string[] Transport = ["Transport", "Trucking", "Koeltransport", "Logistiek"];

    public static string[] For(Sector sector) => sector switch
    {
        Sector.Fruit => Fruit,
        Sector.Food => Food,
        Sector.Cocoa => Cocoa,
        Sector.Flowers => Flowers,
        Sector.Webshop => Webshop,
        _ => General,
    };
}
