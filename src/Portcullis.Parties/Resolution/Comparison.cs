using Portcullis.Domain.Phrasing;

namespace Portcullis.Parties.Resolution;

/// <summary>
/// The fields the pairwise model compares, each into a few agreement levels. Level 0 is "missing on
/// one side" and weighs nothing; the other levels get a Fellegi–Sunter weight log2(m/u).
/// </summary>
public static class Comparison
{
    public const int Fields = 7;

    public static readonly string[] FieldNames = ["name", "address", "phone", "e-mail", "EORI", "IBAN", "country"];

    /// <summary>Levels per field, 0 (missing) included.</summary>
    public static readonly int[] Levels = [5, 5, 3, 5, 3, 2, 3];

    public static readonly string[][] LevelNames =
    [
        ["", "names equal", "names close", "names similar", "names differ"],
        ["", "same address", "same postcode and house number", "same street and number", "addresses differ"],
        ["", "same phone", "phones differ"],
        ["", "same e-mail", "same mail domain", "e-mail differs", "same free-mail mailbox name"],
        ["", "same EORI", "EORIs differ"],
        ["", "same IBAN"],
        ["", "same country", "countries differ"],
    ];

    /// <summary>The levels of all fields packed 3 bits each: the comparison vector γ.</summary>
    public static int Compare(PartyProfile a, PartyProfile b)
    {
        var pattern = 0;
        pattern |= NameLevel(a, b);
        pattern |= AddressLevel(a, b) << 3;
        pattern |= PhoneLevel(a, b) << 6;
        pattern |= EmailLevel(a, b) << 9;
        pattern |= Same(a.Eori, b.Eori) << 12;
        pattern |= IbanLevel(a, b) << 15;
        pattern |= Same(a.Input.CountryCode is { Length: 2 } ca ? ca : null, b.Input.CountryCode is { Length: 2 } cb ? cb : null) << 18;
        return pattern;
    }

    public static int Level(int pattern, int field) => (pattern >> (3 * field)) & 7;

    /// <summary>What the pair shares, in words, for one field (e.g. "same phone +31101234567").</summary>
    public static string Describe(int field, int level, PartyProfile a, PartyProfile b) => LinkPhrases.Catalogue.Say(Say(field, level, a, b));

    /// <summary>The same as a phrase of <see cref="LinkPhrases"/> (key <c>LinkWhy.{field}.{level}</c>), for a page in the reader's language.</summary>
    public static Phrase Say(int field, int level, PartyProfile a, PartyProfile b)
    {
        var key = $"LinkWhy.{FieldNames[field]}.{level}";
        return (field, level) switch
        {
            (0, 2 or 3) => Phrase.Of(key, JaroWinkler.Similarity(a.Name, b.Name), a.Name, b.Name),
            (0, 4) => Phrase.Of(key, a.Name, b.Name),
            (1, 1 or 2) => Phrase.Of(key, a.Postcode ?? "", a.HouseNumber ?? ""),
            (1, 3) => Phrase.Of(key, a.Street ?? "", a.HouseNumber ?? ""),
            (2, 1) => Phrase.Of(key, a.PhoneE164 ?? a.PhoneTail ?? ""),
            (3, 1) => Phrase.Of(key, a.Email ?? ""),
            (3, 2) => Phrase.Of(key, a.Domain ?? ""),
            (3, 4) => Phrase.Of(key, a.MailUser ?? "", a.Email ?? "", b.Email ?? ""),
            (4, 1) => Phrase.Of(key, a.Eori ?? ""),
            (6, 1) => Phrase.Of(key, a.Input.CountryCode ?? ""),
            (6, 2) => Phrase.Of(key, a.Input.CountryCode ?? "", b.Input.CountryCode ?? ""),
            (5, 1) => Phrase.Of(key, a.Ibans.Intersect(b.Ibans, StringComparer.Ordinal).FirstOrDefault() ?? ""),
            _ => Phrase.Of(key),
        };
    }

    private static int NameLevel(PartyProfile a, PartyProfile b)
    {
        if (a.Name.Length == 0 || b.Name.Length == 0)
        {
            return 0;
        }

        if (string.Equals(a.Name, b.Name, StringComparison.Ordinal))
        {
            return 1;
        }

        var similarity = JaroWinkler.Similarity(a.Name, b.Name);
        return similarity >= 0.94 ? 2 : similarity >= 0.85 ? 3 : 4;
    }

    private static int AddressLevel(PartyProfile a, PartyProfile b)
    {
        var postcodes = a.Postcode is not null && b.Postcode is not null;
        var streets = a.Street is not null && b.Street is not null && a.HouseNumber is not null && b.HouseNumber is not null;
        if (!postcodes && !streets)
        {
            return 0;
        }

        var sameNumber = a.HouseNumber is not null && string.Equals(a.HouseNumber, b.HouseNumber, StringComparison.Ordinal);
        var streetClose = streets && JaroWinkler.Similarity(a.Street!, b.Street!) >= 0.9;
        if (postcodes && string.Equals(a.Postcode, b.Postcode, StringComparison.Ordinal) && sameNumber)
        {
            return streetClose || !streets ? 1 : 2;
        }

        return streetClose && sameNumber ? 3 : 4;
    }

    private static int EmailLevel(PartyProfile a, PartyProfile b)
    {
        if (a.Email is null || b.Email is null)
        {
            return 0;
        }

        if (string.Equals(a.Email, b.Email, StringComparison.Ordinal))
        {
            return 1;
        }

        if (a.Domain is not null && string.Equals(a.Domain, b.Domain, StringComparison.Ordinal))
        {
            return 2;
        }

        // Fronts of one organisation use numbered boxes of one name at free-mail providers.
        return a.MailUser is not null && string.Equals(a.MailUser, b.MailUser, StringComparison.Ordinal) ? 4 : 3;
    }

    private static int PhoneLevel(PartyProfile a, PartyProfile b)
    {
        if (a.PhoneE164 is not null && string.Equals(a.PhoneE164, b.PhoneE164, StringComparison.Ordinal))
        {
            return 1;
        }

        if (a.PhoneTail is null || b.PhoneTail is null)
        {
            return a.PhoneE164 is null || b.PhoneE164 is null ? 0 : 2;
        }

        return string.Equals(a.PhoneTail, b.PhoneTail, StringComparison.Ordinal) ? 1 : 2;
    }

    private static int IbanLevel(PartyProfile a, PartyProfile b)
    {
        if (a.Ibans.Count == 0 || b.Ibans.Count == 0)
        {
            return 0;
        }

        foreach (var iban in a.Ibans)
        {
            foreach (var other in b.Ibans)
            {
                if (string.Equals(iban, other, StringComparison.Ordinal))
                {
                    return 1;
                }
            }
        }

        // Different account numbers say little: a company has several.
        return 0;
    }

    private static int Same(string? a, string? b) =>
        a is null || b is null ? 0 : string.Equals(a, b, StringComparison.Ordinal) ? 1 : 2;
}

/// <summary>Jaro–Winkler similarity (prefix scale 0.1, up to four characters).</summary>
public static class JaroWinkler
{
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (a.Length > 256 || b.Length > 256)
        {
            return Similarity(a[..Math.Min(256, a.Length)], b[..Math.Min(256, b.Length)]);
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> matchedA = stackalloc bool[a.Length];
        Span<bool> matchedB = stackalloc bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!matchedA[i])
            {
                continue;
            }

            while (!matchedB[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }
}
