using System.Globalization;
using Portcullis.Domain.Cargo;

namespace Portcullis.Simulator;

/// <summary>
/// Addresses, phones and e-mail addresses of simulated parties, with the noise partners' data has:
/// typos, "Str."/"Straat", postcodes with and without a space, phones as +31, 0031 or 0. It draws
/// from its own random stream (derived from the seed), so adding contact data left every other draw
/// of a run, and so every consignment, exactly as it was.
/// Front companies of one organisation (one of the groups working a pattern, <see cref="CellOf"/>)
/// share its addresses, phones and mail domain with noise and new names; some honest companies share a
/// business centre's address (hard negatives).
/// </summary>
internal sealed class ContactBook(int seed)
{
    private static readonly string[] FreeMail = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "gmx.de", "live.nl"];
    private static readonly string[] LocalParts = ["info", "sales", "office", "import", "logistics", "admin", "contact", "orders"];

    private readonly SimRandom rng = new(unchecked((seed * 397) ^ 0x5EED_C0DE));

    // The groups after a pattern's first (how many fronts each runs, their premises, phones and domain)
    // draw from a stream of their own; the first group draws from the contact stream as the single
    // organisation per pattern did before. So the groups change no honest party's contacts and no
    // choice of an importer's second registration, and so no consignment.
    private readonly SimRandom organisationRng = new(unchecked((seed * 7919) ^ 0x0F0F_5EED));
    private readonly Dictionary<string, Organisation> organisations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Number, int FrontsLeft)> cells = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, PoolParty?> aliases = [];
    private Address[]? businessCentres;

    /// <summary>Gives an honest company or person an address, phone and (companies) e-mail of their own.</summary>
    public void Dress(Party party, bool person)
    {
        var country = party.CountryCode;
        var address = !person && country == "NL" && rng.Chance(0.04)
            ? BusinessCentre()
            : NewAddress(country);
        party.Street = address.Street;
        party.City = address.City;
        party.Postcode = address.Postcode;
        if (person)
        {
            party.Phone = rng.Chance(0.4) ? FormatPhone(NewPhone(country), country) : null;
            return;
        }

        party.Phone = rng.Chance(0.9) ? FormatPhone(NewPhone(country), country) : null;
        party.Email = rng.Chance(0.7) ? $"{rng.Pick(LocalParts)}@{Slug(party.Name)}.{Tld(country)}" : null;
    }

    /// <summary>
    /// The organisation a new front of a smuggling pattern belongs to: "front-consignee-fruit/2". A
    /// pattern is a way of working that several groups use one after another, each with premises,
    /// phones and a mail domain of its own for a handful of fronts (3–10) before it sets up new ones;
    /// one set of premises for every front of a pattern would put dozens of companies a month behind one
    /// phone, which no group does.
    /// </summary>
    public string CellOf(string pattern)
    {
        var (number, left) = cells.TryGetValue(pattern, out var cell) ? cell : (0, 0);
        if (left <= 0)
        {
            number++;
            left = organisationRng.Next(3, 11);
        }

        cells[pattern] = (number, left - 1);
        return $"{pattern}/{number.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Makes a new front of <paramref name="organisation"/> look like its siblings: mostly the same
    /// premises (written differently), one of the organisation's phones, a mailbox at its domain or a
    /// free-mail box; now and then nothing shared at all (a front set up carefully).
    /// </summary>
    public void DressFront(Party party, string organisation)
    {
        var org = OrganisationNamed(organisation);
        var careful = rng.Chance(0.08);
        var address = !careful && rng.Chance(0.75) ? rng.Pick(org.Addresses) : (rng.Chance(0.3) ? BusinessCentre() : NewAddress(party.CountryCode));
        party.Street = NoisyStreet(address.Street);
        party.City = rng.Chance(0.1) ? address.City.ToUpperInvariant() : address.City;
        party.Postcode = NoisyPostcode(address.Postcode);
        party.Phone = !careful && rng.Chance(0.65) ? FormatPhone(rng.Pick(org.Phones), "NL") : FormatPhone(NewPhone(party.CountryCode), party.CountryCode);
        party.Email = (careful ? 2 : rng.Next(3)) switch
        {
            0 => $"{rng.Pick(LocalParts)}@{org.Domain}",
            1 => $"{org.MailUser}{rng.Next(1, 99)}@{rng.Pick(FreeMail)}",
            _ => $"{rng.Pick(LocalParts)}@{Slug(party.Name)}.nl",
        };
    }

    /// <summary>
    /// Now and then a company turns up under a second registration: another partner spells it its
    /// own way, often without the EORI. Decided once per company (5 %); that registration then
    /// carries 30 % of its documents.
    /// </summary>
    public PoolParty AliasOf(PoolParty party)
    {
        if (party.Organisation is not null || party.AliasOf is not null)
        {
            return party;
        }

        if (!aliases.TryGetValue(party.Id, out var alias))
        {
            alias = rng.Chance(0.05) ? NewAlias(party) : null;
            aliases[party.Id] = alias;
        }

        return alias is not null && rng.Chance(0.3) ? alias : party;
    }

    private PoolParty NewAlias(PoolParty original)
    {
        var o = original.Party;
        var alias = new Party
        {
            Id = rng.NextGuid(),
            Name = VariantName(o.Name),
            CountryCode = o.CountryCode,
            Eori = rng.Chance(0.5) ? o.Eori : null,
            Aeo = AeoStatus.None,
            FirstSeen = o.FirstSeen,
            Street = o.Street is null ? null : NoisyStreet(o.Street),
            City = o.City,
            Postcode = o.Postcode is null ? null : NoisyPostcode(o.Postcode),
            Phone = o.Phone is null || rng.Chance(0.2) ? null : FormatPhone(NationalDigits(o.Phone, o.CountryCode), o.CountryCode),
            Email = rng.Chance(0.6) ? o.Email : null,
        };
        return new PoolParty(alias) { AliasOf = original };
    }

    private string VariantName(string name) => rng.Next(4) switch
    {
        0 => name.ToUpperInvariant(),
        1 => name.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant(),
        2 => name.LastIndexOf(' ') is > 0 and var cut ? name[..cut] : name,
        _ => NoisyStreet(name + " ").TrimEnd(),
    };

    private static string NationalDigits(string phone, string country)
    {
        var digits = new string([.. phone.Replace("(0)", "", StringComparison.Ordinal).Where(char.IsAsciiDigit)]);
        var code = CallingCode(country);
        if (phone.TrimStart().StartsWith('+') && digits.StartsWith(code, StringComparison.Ordinal))
        {
            return digits[code.Length..];
        }

        if (digits.StartsWith("00" + code, StringComparison.Ordinal))
        {
            return digits[(2 + code.Length)..];
        }

        return digits.TrimStart('0');
    }

    private Organisation OrganisationNamed(string name)
    {
        if (!organisations.TryGetValue(name, out var org))
        {
            var r = name.EndsWith("/1", StringComparison.Ordinal) ? rng : organisationRng;
            var addresses = new Address[r.Next(1, 3)];
            for (var i = 0; i < addresses.Length; i++)
            {
                addresses[i] = r.Chance(0.3) ? BusinessCentre(r) : NewAddress("NL", r);
            }

            org = new Organisation(
                addresses,
                [NewPhone("NL", r), .. r.Chance(0.5) ? new[] { NewPhone("NL", r) } : []],
                $"{NameGenerator.Word(r, 2).ToLowerInvariant()}-{(r.Chance(0.5) ? "trading" : "group")}.{(r.Chance(0.5) ? "com" : "nl")}",
                NameGenerator.Word(r, 2).ToLowerInvariant());
            organisations[name] = org;
        }

        return org;
    }

    private Address BusinessCentre(SimRandom? pick = null)
    {
        businessCentres ??= [.. Enumerable.Range(0, 25).Select(_ => NewAddress("NL"))];
        return businessCentres[(pick ?? rng).ZipfIndex(businessCentres.Length, 1.0)];
    }

    private Address NewAddress(string country, SimRandom? random = null)
    {
        var rng = random ?? this.rng;
        var word = NameGenerator.Word(rng, rng.Next(1, 3));
        var number = rng.Next(1, 400).ToString(CultureInfo.InvariantCulture);
        var city = NameGenerator.Word(rng, rng.Next(2, 4));
        return country switch
        {
            "NL" or "BE" => new($"{word}{rng.Pick(DutchStreetKinds)} {number}", city + rng.Pick(["dam", "dorp", "recht", "burg", ""]),
                country == "NL" ? $"{rng.Next(1000, 9999)} {rng.Letter()}{rng.Letter()}" : rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)),
            "DE" => new($"{word}{rng.Pick(["straße", "weg", "allee", "ring"])} {number}", city, rng.Digits(5)),
            "FR" => new($"{number} rue {word}", city, rng.Digits(5)),
            "ES" or "IT" => new($"{(country == "ES" ? "Calle" : "Via")} {word} {number}", city, rng.Digits(5)),
            _ => new($"{number} {word} {rng.Pick(["Road", "Street", "Avenue"])}", city, rng.Chance(0.6) ? rng.Digits(rng.Next(4, 7)) : ""),
        };
    }

    private static readonly string[] DutchStreetKinds = ["straat", "weg", "laan", "kade", "plein", "dijk"];

    /// <summary>A number as its national significant digits, e.g. "101234567" for Rotterdam.</summary>
    private string NewPhone(string country, SimRandom? random = null)
    {
        var rng = random ?? this.rng;
        return country switch
        {
            "NL" => rng.Pick(["10", "20", "70", "30", "6"]) is var area ? area + rng.Digits(9 - area.Length) : "",
            "DE" => rng.Pick(["30", "40", "89", "211"]) + rng.Digits(7),
            "BE" => rng.Pick(["2", "3", "9"]) + rng.Digits(7),
            _ => rng.Pick(["2", "3", "4"]) + rng.Digits(8),
        };
    }

    /// <summary>Writes national digits the way one sender or another would.</summary>
    private string FormatPhone(string national, string country)
    {
        var code = CallingCode(country);
        var split = national.StartsWith('6') ? 1 : Math.Min(3, national.Length / 3);
        var area = national[..split];
        var rest = national[split..];
        return rng.Next(6) switch
        {
            0 => $"+{code} {area} {rest}",
            1 => $"00{code}{national}",
            2 => $"0{area}-{rest}",
            3 => $"+{code} (0){area} {rest}",
            4 => $"+{code}{national}",
            _ => $"0{national}",
        };
    }

    private static string CallingCode(string country) => country switch
    {
        "NL" => "31",
        "BE" => "32",
        "DE" => "49",
        "FR" => "33",
        "ES" => "34",
        "IT" => "39",
        "GB" => "44",
        "US" or "CA" => "1",
        "CN" => "86",
        "IN" => "91",
        "EC" => "593",
        "CO" => "57",
        "BR" => "55",
        _ => "31",
    };

    private string NoisyStreet(string street)
    {
        var s = street;
        if (rng.Chance(0.3))
        {
            s = s.Replace("straat ", "str. ", StringComparison.Ordinal).Replace("straße ", "str. ", StringComparison.Ordinal);
        }

        if (rng.Chance(0.15))
        {
            s = s.ToUpperInvariant();
        }

        if (rng.Chance(0.15) && s.Length > 6)
        {
            // A typo: two neighbouring letters swapped, never in the house number.
            var i = rng.Next(1, Math.Max(2, s.IndexOf(' ', StringComparison.Ordinal) - 1));
            if (i + 1 < s.Length && char.IsLetter(s[i]) && char.IsLetter(s[i + 1]))
            {
                s = string.Concat(s.AsSpan(0, i), s[i + 1].ToString(), s[i].ToString(), s.AsSpan(i + 2));
            }
        }

        return rng.Chance(0.1) ? s + " " + rng.Pick(["unit 3", "2e etage", "A", "bus 12"]) : s;
    }

    private string NoisyPostcode(string postcode) => rng.Chance(0.4) ? postcode.Replace(" ", "", StringComparison.Ordinal) : postcode;

    private static string Slug(string name)
    {
        var first = name.Split(' ', 2)[0];
        return new string([.. first.Where(char.IsLetterOrDigit)]).ToLowerInvariant();
    }

    private static string Tld(string country) => country is "NL" or "BE" or "DE" or "FR" or "ES" or "IT" ? country.ToLowerInvariant() : "com";

    private sealed record Address(string Street, string City, string Postcode);

    private sealed record Organisation(Address[] Addresses, string[] Phones, string Domain, string MailUser);
}
