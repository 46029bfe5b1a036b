using System.Text;
using Portcullis.Parties.Sanctions;

namespace Portcullis.Bench;

/// <summary>
/// Seeded synthetic list entries and parties for the speed runs: names from syllables with a skewed (Zipf-like)
/// word frequency, persons with given name, sometimes a patronymic, and a surname; companies with a legal form and
/// one to three words; aliases as spelling variants. About 1 % of parties are variants of an entry.
/// </summary>
public sealed class SyntheticSanctions(int seed)
{
    private static readonly string[] Onsets = ["B", "V", "G", "D", "K", "L", "M", "N", "P", "R", "S", "T", "Z", "SH", "KH", "CH", "ST", "PR", "TR", "BR"];
    private static readonly string[] Vowels = ["A", "E", "I", "O", "U", "YA", "YU", "IA"];
    private static readonly string[] Endings = ["OV", "EV", "IN", "ENKO", "SKY", "SKIY", "OVA", "", "", ""];
    private static readonly string[] Forms = ["LLC", "OOO", "LTD", "GMBH", "B.V.", "S.A.", "JSC", "AO", "LIMITED", "CO., LTD.", "TRADING LLC", "FZE"];
    private static readonly string[] Common = ["TRADING", "LOGISTICS", "GROUP", "INVEST", "HOLDING", "GLOBAL", "IMPORT", "EXPORT", "INDUSTRIES", "SERVICES"];

    private readonly Random random = new(seed);
    private readonly string[] words = new string[60_000];
    private readonly string[] partyWords = new string[60_000];
    private readonly string[] givenNames = new string[400];

    private bool ready;

    // While making parties, most words come from their own pool: most traders share few rare words with the list.
    private bool parties;

    public List<SanctionsEntry> Entries(int count)
    {
        Prepare();
        var entries = new List<SanctionsEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var person = random.NextDouble() < 0.55;
            var name = person ? PersonName() : CompanyName();
            var aliases = Enumerable.Range(0, random.Next(3)).Select(_ => Respell(name)).ToList();
            entries.Add(new SanctionsEntry
            {
                EntryId = "S" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Kind = person ? ListSubjectKind.Person : ListSubjectKind.Organisation,
                Name = name,
                Aliases = aliases,
                Countries = [random.NextDouble() < 0.5 ? "RU" : "IR"],
                Identifiers = person ? [] : [new ListIdentifier("INN", random.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture))],
            });
        }

        return entries;
    }

    public ScreenedParty[] Parties(int count, IReadOnlyList<SanctionsEntry> entries)
    {
        Prepare();
        var made = new ScreenedParty[count];
        parties = true;
        for (var i = 0; i < count; i++)
        {
            var name = random.NextDouble() < 0.01 ? Respell(entries[random.Next(entries.Count)].Name)
                : random.NextDouble() < 0.3 ? PersonName() : CompanyName();
            made[i] = new ScreenedParty(name, random.NextDouble() < 0.5 ? "NL" : "RU", []);
        }

        parties = false;
        return made;
    }

    private void Prepare()
    {
        if (ready)
        {
            return;
        }

        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Word(2 + random.Next(3));
        }

        for (var i = 0; i < partyWords.Length; i++)
        {
            partyWords[i] = Word(2 + random.Next(3));
        }

        for (var i = 0; i < givenNames.Length; i++)
        {
            givenNames[i] = Word(2 + random.Next(2));
        }

        ready = true;
    }

    private string Word(int syllables)
    {
        var text = new StringBuilder();
        for (var s = 0; s < syllables; s++)
        {
            text.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
        }

        return text.ToString();
    }

    // Skewed: low indexes far more often, as real name words are.
    private string Pick()
    {
        var pool = parties && random.NextDouble() < 0.7 ? partyWords : words;
        return pool[(int)Math.Min(pool.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 1.6) * pool.Length))];
    }

    private string PersonName()
    {
        var given = givenNames[(int)(Math.Pow(random.NextDouble(), 2) * givenNames.Length)];
        var surname = Pick() + Endings[random.Next(Endings.Length)];
        return random.NextDouble() < 0.4 ? $"{given} {givenNames[random.Next(givenNames.Length)]}OVICH {surname}" : $"{given} {surname}";
    }

    private string CompanyName()
    {
        var parts = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.NextDouble() < 0.2 ? Common[random.Next(Common.Length)] : Pick());
        var form = Forms[random.Next(Forms.Length)];
        return random.NextDouble() < 0.5 ? $"{form} {string.Join(' ', parts)}" : $"{string.Join(' ', parts)} {form}";
    }

    private string Respell(string name) => random.Next(3) switch
    {
        0 => name.Replace("KH", "H", StringComparison.Ordinal).Replace("YA", "IA", StringComparison.Ordinal),
        1 => name.Length > 6 ? name.Remove(3 + random.Next(name.Length - 4), 1) : name,
        _ => string.Join(' ', name.Split(' ').Reverse()),
    };
}
