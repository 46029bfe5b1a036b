using System.Text;
using System.Text.RegularExpressions;
using PhoneNumbers;
using Portcullis.Parties.Sanctions;

namespace Portcullis.Parties.Resolution;

/// <summary>One party record as stored (never changed by resolution): what the comparators read.</summary>
public sealed record PartyInput(
    Guid Id,
    string Name,
    string? CountryCode,
    string? Eori = null,
    string? Street = null,
    string? City = null,
    string? Postcode = null,
    string? Phone = null,
    string? Email = null,
    string? FreeText = null);

/// <summary>
/// A party's fields normalised once for comparison: folded name without legal form, postcode and
/// house number, street words with the usual abbreviations expanded, phone in E.164, e-mail and its
/// domain (free-mail domains dropped: two gmail.com addresses share nothing), EORI, IBANs found in
/// free text. Null where the record has nothing usable.
/// </summary>
public sealed partial class PartyProfile
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "BV", "B V", "NV", "VOF", "CV", "GMBH", "AG", "KG", "UG", "SA", "SAS", "SARL", "SRL", "SL", "SPA", "SAC", "LTD", "LIMITED",
        "LLC", "INC", "CORP", "CO", "PLC", "JSC", "OOO", "ZAO", "AO", "PAO", "PTE", "PVT", "SDN", "BHD", "KK", "WLL", "PTY", "LTDA",
        "CIA", "DE", "CV", "BVBA", "SPRL", "OY", "AB", "AS", "APS",
    };

    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "live.nl", "msn.com", "yahoo.com", "ymail.com",
        "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru", "qq.com", "163.com", "126.com",
        "protonmail.com", "proton.me", "ziggo.nl", "kpnmail.nl", "planet.nl", "hetnet.nl",
    };

    private static readonly Dictionary<string, string> StreetWords = new(StringComparer.Ordinal)
    {
        ["STR"] = "STRAAT",
        ["STRASSE"] = "STRAAT",
        ["STRABE"] = "STRAAT",
        ["ST"] = "STREET",
        ["RD"] = "ROAD",
        ["AVE"] = "AVENUE",
        ["LN"] = "LAAN",
        ["PL"] = "PLEIN",
        ["KD"] = "KADE",
        ["WG"] = "WEG",
    };

    private PartyProfile(PartyInput input)
    {
        Input = input;
    }

    public PartyInput Input { get; }

    /// <summary>Folded name without legal forms, tokens in their order (e.g. "FRUTAS DEL SOL").</summary>
    public string Name { get; private init; } = "";

    /// <summary>The legal forms taken off the name, for the explanation.</summary>
    public string LegalForm { get; private init; } = "";

    public string? Postcode { get; private init; }

    public string? HouseNumber { get; private init; }

    /// <summary>Street words without the house number, abbreviations expanded, compounds split off ("KERKSTRAAT" → "KERK STRAAT").</summary>
    public string? Street { get; private init; }

    public string? City { get; private init; }

    public string? PhoneE164 { get; private init; }

    /// <summary>
    /// The last eight digits of the phone as written (after dropping "(0)"): the same whether it came
    /// as +31, 0031 or 0…, and whichever country the parser assumed for a national number (a Belgian
    /// front that writes its Dutch sibling's number as "010-…" parses as a Belgian number).
    /// </summary>
    public string? PhoneTail { get; private init; }

    /// <summary>The mailbox name of a free-mail address without digits ("jansen12@gmail.com" → "JANSEN"); null for generic names and company domains.</summary>
    public string? MailUser { get; private init; }

    public string? Email { get; private init; }

    /// <summary>The e-mail domain unless it is a free-mail provider's.</summary>
    public string? Domain { get; private init; }

    public string? Eori { get; private init; }

    public IReadOnlyList<string> Ibans { get; private init; } = [];

    public static PartyProfile Of(PartyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (name, legal) = NameWithoutLegalForm(input.Name);
        var email = input.Email?.Trim().ToLowerInvariant();
        var at = email?.LastIndexOf('@') ?? -1;
        var domain = at > 0 ? email![(at + 1)..] : null;
        var (street, number) = StreetAndNumber(input.Street);
        return new PartyProfile(input)
        {
            Name = name,
            LegalForm = legal,
            Postcode = Compact(input.Postcode),
            HouseNumber = number,
            Street = street,
            City = input.City is { } city ? Fold(city) : null,
            PhoneE164 = E164(input.Phone, input.CountryCode),
            PhoneTail = Tail(input.Phone),
            MailUser = at > 0 && domain is not null && FreeMailDomains.Contains(domain) ? MailUserOf(email![..at]) : null,
            Email = at > 0 ? email : null,
            Domain = domain is not null && domain.Contains('.', StringComparison.Ordinal) && !FreeMailDomains.Contains(domain) ? domain : null,
            Eori = Compact(input.Eori),
            Ibans = input.FreeText is { } text ? [.. IbanPattern().Matches(text.ToUpperInvariant()).Select(m => m.Value.Replace(" ", "", StringComparison.Ordinal))] : [],
        };
    }

    /// <summary>Upper case, accents removed, anything but letters and digits one space (the sanctions screener's folding).</summary>
    public static string Fold(string text) => ExactNameScreener.Fold(text.Length > 512 ? text[..512] : text);

    public static (string Name, string LegalForm) NameWithoutLegalForm(string name)
    {
        // Dots and commas go first so that "B.V." and "S.A." fold to the words "BV" and "SA".
        var folded = Fold(name.Replace(".", "", StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal));
        var tokens = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(tokens.Length);
        var removed = new List<string>();
        foreach (var token in tokens)
        {
            // A legal form is only removed when something else is left: "AB" alone is a name.
            if (LegalForms.Contains(token) && tokens.Length > 1)
            {
                removed.Add(token);
            }
            else
            {
                kept.Add(token);
            }
        }

        return (kept.Count > 0 ? string.Join(' ', kept) : folded, string.Join(' ', removed));
    }

    /// <summary>E.164 through libphonenumber, with the party's country as the default region; null when it does not parse.</summary>
    public static string? E164(string? phone, string? country)
    {
        if (phone is not { Length: > 0 } || phone.Length > 64)
        {
            return null;
        }

        try
        {
            var text = phone.Replace("(0)", "", StringComparison.Ordinal);
            var parsed = Phones.Parse(text, country is { Length: 2 } ? country.ToUpperInvariant() : "NL");
            return Phones.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static string? Tail(string? phone)
    {
        if (phone is not { Length: > 0 } || phone.Length > 64)
        {
            return null;
        }

        var digits = new string([.. phone.Replace("(0)", "", StringComparison.Ordinal).Where(char.IsAsciiDigit)]);
        return digits.Length >= 8 ? digits[^8..] : null;
    }

    private static readonly HashSet<string> GenericMailboxes = new(StringComparer.Ordinal)
    {
        "INFO", "SALES", "OFFICE", "IMPORT", "EXPORT", "LOGISTICS", "ADMIN", "CONTACT", "ORDERS", "MAIL", "SUPPORT", "HELLO", "SERVICE", "ACCOUNTS", "SHIPPING",
    };

    private static string? MailUserOf(string local)
    {
        var letters = new string([.. local.Where(char.IsAsciiLetter)]).ToUpperInvariant();
        return letters.Length >= 4 && !GenericMailboxes.Contains(letters) ? letters : null;
    }

    private static (string? Street, string? Number) StreetAndNumber(string? street)
    {
        if (street is not { Length: > 0 })
        {
            return (null, null);
        }

        var folded = Fold(street.Replace("ß", "ss", StringComparison.Ordinal).Replace(".", " ", StringComparison.Ordinal));
        string? number = null;
        var words = new List<string>();
        foreach (var token in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (number is null && char.IsAsciiDigit(token[0]))
            {
                number = new string([.. token.TakeWhile(char.IsAsciiDigit)]);
                continue;
            }

            words.Add(Expand(token));
        }

        return (words.Count > 0 ? string.Join(' ', words) : null, number);
    }

    private static string Expand(string token)
    {
        if (StreetWords.TryGetValue(token, out var full))
        {
            return full;
        }

        // Dutch and German glue the kind to the name ("KERKSTRAAT"); split it so that "KERK STR." matches.
        foreach (var kind in (ReadOnlySpan<string>)["STRAAT", "STRASSE", "WEG", "LAAN", "KADE", "PLEIN", "DIJK", "ALLEE", "RING"])
        {
            if (token.Length > kind.Length + 2 && token.EndsWith(kind, StringComparison.Ordinal))
            {
                return token[..^kind.Length] + " " + (kind == "STRASSE" ? "STRAAT" : kind);
            }
        }

        if (token.Length > 5 && token.EndsWith("STR", StringComparison.Ordinal))
        {
            return token[..^3] + " STRAAT";
        }

        return token;
    }

    private static string? Compact(string? value)
    {
        if (value is not { Length: > 0 })
        {
            return null;
        }

        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(char.ToUpperInvariant(c));
            }
        }

        return text.Length > 0 ? text.ToString() : null;
    }

    // Country code, two check digits, 11 to 30 alphanumerics, possibly in groups of four.
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex IbanPattern();
}
