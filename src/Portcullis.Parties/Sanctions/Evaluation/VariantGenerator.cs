using System.Text;

namespace Portcullis.Parties.Sanctions.Evaluation;

/// <summary>One labelled query: the name a party might carry, and the entry it really is (null: none).</summary>
public sealed record LabelledQuery(string Name, string? TargetEntryId, string Variant);

/// <summary>
/// Builds the labelled evaluation set from list entries, seeded: positives are variants of entries' names
/// (Cyrillic spelling, another romanisation, a typo, another word order, a legal form added, removed or
/// swapped, a dropped patronymic, an alias), negatives are common names not on the list and hard negatives
/// (the same surname with another given name, half of a company name's words replaced).
/// Deliberately independent of the matcher: its own tables, no call into Portcullis.Parties.Names.
/// </summary>
public sealed class VariantGenerator(int seed)
{
    private static readonly (string Latin, string Cyrillic)[] ToCyrillicTable =
    [
        ("SHCH", "Щ"), ("SH", "Ш"), ("CH", "Ч"), ("ZH", "Ж"), ("KH", "Х"), ("TS", "Ц"), ("YU", "Ю"), ("YA", "Я"), ("YE", "Е"),
        ("YO", "Ё"), ("IY", "ИЙ"), ("YY", "ЫЙ"), ("A", "А"), ("B", "Б"), ("V", "В"), ("G", "Г"), ("D", "Д"), ("E", "Е"),
        ("Z", "З"), ("I", "И"), ("Y", "Й"), ("K", "К"), ("L", "Л"), ("M", "М"), ("N", "Н"), ("O", "О"), ("P", "П"), ("R", "Р"),
        ("S", "С"), ("T", "Т"), ("U", "У"), ("F", "Ф"), ("X", "КС"), ("C", "К"), ("W", "В"), ("H", "Х"), ("J", "ДЖ"), ("Q", "К"),
    ];

    // Other romanisations a clerk or another list might use.
    private static readonly (string From, string To)[] Romanisations =
    [
        ("KS", "X"), ("X", "KS"), ("IY", "Y"), ("YY", "Y"), ("Y", "I"), ("YU", "IU"), ("YA", "IA"), ("KH", "H"), ("ZH", "J"),
        ("TS", "TZ"), ("YE", "E"), ("E", "YE"), ("SHCH", "SCH"), ("V", "W"), ("OU", "U"), ("EI", "EY"),
    ];

    private static readonly string[] LegalForms = ["LLC", "Ltd", "OOO", "ООО", "GmbH", "S.A.", "B.V.", "JSC", "AO", "Limited", "Inc.", "Co., Ltd."];

    private static readonly string[] FirstNames =
    [
        "John", "Michael", "David", "James", "Maria", "Anna", "Sergei", "Olga", "Dmitri", "Elena", "Ahmed", "Fatima", "Ali", "Hassan",
        "Jose", "Carlos", "Juan", "Ana", "Wei", "Li", "Peter", "Thomas", "Jan", "Pieter", "Sophie", "Emma", "Luca", "Giulia", "Mehmet",
        "Ayse", "Oleksandr", "Natalia", "Pavel", "Irina", "Andrei", "Svetlana", "Omar", "Yusuf", "Miguel", "Lucia",
    ];

    private static readonly string[] Surnames =
    [
        "Smith", "Johnson", "Brown", "Garcia", "Martinez", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Khan", "Rahman",
        "Hussein", "Haddad", "Wang", "Zhang", "Chen", "de Vries", "Jansen", "Bakker", "Visser", "Muller", "Schmidt", "Rossi",
        "Bianchi", "Yilmaz", "Kaya", "Demir", "Novak", "Kowalski", "Nowak", "Shevchenko", "Kovalenko", "Lopez", "Perez", "Silva",
    ];

    private static readonly string[] BusinessWords =
    [
        "Trading", "Logistics", "Holding", "Invest", "Technologies", "Fruit", "Global", "Nordic", "Atlantic", "Pacific", "Metal",
        "Chemicals", "Energy", "Marine", "Shipping", "Agro", "Food", "Textile", "Electronics", "Machinery", "Import", "Export",
        "Consulting", "Capital", "Partners", "Solutions", "Industries", "Group", "Star", "Delta", "Alpha", "Baltic", "Continental",
    ];

    private readonly Random random = new(seed);

    /// <summary>
    /// Up to <paramref name="perEntry"/> positive variants for each entry, and about <paramref name="negativeShare"/>
    /// negatives per positive. Negatives equal (after case and punctuation) to any list name are dropped.
    /// </summary>
    public List<LabelledQuery> Build(IReadOnlyList<SanctionsEntry> entries, int perEntry = 2, double negativeShare = 0.5)
    {
        var listed = new HashSet<string>(entries.SelectMany(e => e.Aliases.Prepend(e.Name)).Select(Simple), StringComparer.Ordinal);
        var queries = new List<LabelledQuery>();
        foreach (var entry in entries)
        {
            var kinds = VariantKinds(entry).OrderBy(_ => random.Next()).Take(perEntry);
            foreach (var kind in kinds)
            {
                var name = Variant(entry, kind);
                if (name is not null && name.Trim().Length > 0)
                {
                    queries.Add(new LabelledQuery(name, entry.EntryId, kind));
                }
            }
        }

        var negatives = (int)(queries.Count * negativeShare);
        var made = 0;
        for (var attempt = 0; made < negatives && attempt < negatives * 5; attempt++)
        {
            var (name, kind) = Negative(entries);
            if (name is not null && !listed.Contains(Simple(name)))
            {
                queries.Add(new LabelledQuery(name, null, kind));
                made++;
            }
        }

        return queries;
    }

    private static IEnumerable<string> VariantKinds(SanctionsEntry entry)
    {
        var words = Words(entry.Name);
        yield return "typo";
        yield return "romanisation";
        if (entry.Aliases.Count > 0)
        {
            yield return "alias";
        }

        if (words.Length > 1)
        {
            yield return "word order";
        }

        var programme = entry.Programme ?? "";
        if (programme.Contains("UKRAINE", StringComparison.Ordinal) || programme.Contains("RUSSIA", StringComparison.Ordinal)
            || programme.Contains("BELARUS", StringComparison.Ordinal) || programme.Contains("CYBER", StringComparison.Ordinal))
        {
            yield return "cyrillic";
        }

        if (entry.Kind == ListSubjectKind.Organisation)
        {
            yield return "legal form";
        }

        if (entry.Kind == ListSubjectKind.Person && words.Length >= 3)
        {
            yield return "middle name dropped";
        }
    }

    private string? Variant(SanctionsEntry entry, string kind)
    {
        var name = entry.Name;
        var words = Words(name);
        switch (kind)
        {
            case "typo":
                return Typo(name);
            case "romanisation":
                return Romanise(name) ?? Typo(name);
            case "alias":
                return entry.Aliases[random.Next(entry.Aliases.Count)];
            case "word order":
                return string.Join(' ', words.Skip(1).Append(words[0]));
            case "cyrillic":
                return ToCyrillic(name);
            case "legal form":
                var stripped = words.Where(w => !LegalForms.Any(f => string.Equals(Simple(f), Simple(w), StringComparison.Ordinal))).ToArray();
                var form = LegalForms[random.Next(LegalForms.Length)];
                return stripped.Length < words.Length && random.Next(2) == 0
                    ? string.Join(' ', stripped)
                    : random.Next(2) == 0 ? string.Join(' ', stripped) + " " + form : form + " " + string.Join(' ', stripped);
            case "middle name dropped":
                return string.Join(' ', words.Where((_, i) => i != words.Length - 2));
            default:
                return null;
        }
    }

    private (string? Name, string Kind) Negative(IReadOnlyList<SanctionsEntry> entries)
    {
        switch (random.Next(4))
        {
            case 0:
                return ($"{FirstNames[random.Next(FirstNames.Length)]} {Surnames[random.Next(Surnames.Length)]}", "common name");
            case 1:
            {
                var persons = entries.Where(e => e.Kind == ListSubjectKind.Person).ToList();
                if (persons.Count == 0)
                {
                    return (null, "");
                }

                var words = Words(persons[random.Next(persons.Count)].Name);
                if (words.Length < 2)
                {
                    return (null, "");
                }

                var first = FirstNames[random.Next(FirstNames.Length)];
                if (string.Equals(Simple(first), Simple(words[0]), StringComparison.Ordinal))
                {
                    return (null, "");
                }

                return ($"{first} {words[^1]}", "same surname, other given name");
            }

            case 2:
            {
                var companies = entries.Where(e => e.Kind == ListSubjectKind.Organisation && Words(e.Name).Length >= 2).ToList();
                if (companies.Count == 0)
                {
                    return (null, "");
                }

                var words = Words(companies[random.Next(companies.Count)].Name);
                var replace = (words.Length + 1) / 2;
                foreach (var i in Enumerable.Range(0, words.Length).OrderBy(_ => random.Next()).Take(replace))
                {
                    words[i] = BusinessWords[random.Next(BusinessWords.Length)];
                }

                return (string.Join(' ', words), "similar company name");
            }

            default:
                return ($"{BusinessWords[random.Next(BusinessWords.Length)]} {BusinessWords[random.Next(BusinessWords.Length)]} {LegalForms[random.Next(LegalForms.Length)]}", "common company name");
        }
    }

    private string Typo(string name)
    {
        var chars = name.ToCharArray().ToList();
        var letters = Enumerable.Range(0, chars.Count).Where(i => char.IsLetter(chars[i]) && i > 0).ToList();
        if (letters.Count < 4)
        {
            return name;
        }

        var at = letters[random.Next(letters.Count)];
        switch (random.Next(4))
        {
            case 0:
                chars.RemoveAt(at);
                break;
            case 1:
                chars.Insert(at, chars[at]);
                break;
            case 2 when at + 1 < chars.Count && char.IsLetter(chars[at + 1]):
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                break;
            default:
                chars[at] = char.IsUpper(chars[at]) ? (char)('A' + random.Next(26)) : (char)('a' + random.Next(26));
                break;
        }

        return new string([.. chars]);
    }

    private string? Romanise(string name)
    {
        var upper = name.ToUpperInvariant();
        var applicable = Romanisations.Where(r => upper.Contains(r.From, StringComparison.Ordinal)).ToList();
        if (applicable.Count == 0)
        {
            return null;
        }

        var (from, to) = applicable[random.Next(applicable.Count)];
        return upper.Replace(from, to, StringComparison.Ordinal);
    }

    private static string ToCyrillic(string name)
    {
        var upper = name.ToUpperInvariant();
        var text = new StringBuilder();
        var i = 0;
        while (i < upper.Length)
        {
            var matched = false;
            foreach (var (latin, cyrillic) in ToCyrillicTable)
            {
                if (string.CompareOrdinal(upper, i, latin, 0, latin.Length) == 0)
                {
                    text.Append(cyrillic);
                    i += latin.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                text.Append(upper[i]);
                i++;
            }
        }

        return text.ToString();
    }

    private static string[] Words(string name) => name.Split((char[])[' ', ','], StringSplitOptions.RemoveEmptyEntries);

    private static string Simple(string name) => new([.. name.ToUpperInvariant().Where(char.IsLetterOrDigit)]);
}
