namespace Portcullis.Parties.Names;

/// <summary>
/// Legal-form words removed from company names before comparison, and recorded for the explanation.
/// Works on folded tokens, so Cyrillic forms arrive already transliterated (ООО → OOO, ЗАО → ZAO).
/// </summary>
public static class LegalForms
{
    // Longest first: "LIMITED LIABILITY COMPANY" must win over "COMPANY" and "LIMITED".
    // The short label is what the explanation shows.
    private static readonly (string[] Words, string Label)[] Forms =
    [
        .. new (string Phrase, string Label)[]
        {
            ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTIU", "OOO"),
            ("OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", "OOO"),
            ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", "OOO"),
            ("OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTIU", "OOO"),
            ("PUBLICHNOE AKTSIONERNOE OBSHCHESTVO", "PAO"),
            ("ZAKRYTOE AKTSIONERNOE OBSHCHESTVO", "ZAO"),
            ("OTKRYTOE AKTSIONERNOE OBSHCHESTVO", "OAO"),
            ("AKTSIONERNOE OBSHCHESTVO", "AO"),
            ("LIMITED LIABILITY COMPANY", "LLC"),
            ("LIMITED LIABILITY PARTNERSHIP", "LLP"),
            ("PUBLIC JOINT STOCK COMPANY", "PJSC"),
            ("CLOSED JOINT STOCK COMPANY", "CJSC"),
            ("OPEN JOINT STOCK COMPANY", "OJSC"),
            ("JOINT STOCK COMPANY", "JSC"),
            ("PUBLIC LIMITED COMPANY", "PLC"),
            ("SOCIETE ANONYME", "SA"),
            ("SOCIEDAD ANONIMA", "SA"),
            ("INDIVIDUALNYI PREDPRINIMATEL", "IP"),
            ("B V", "BV"), ("N V", "NV"), ("S A", "SA"), ("S L", "SL"), ("S P A", "SPA"), ("S R L", "SRL"),
            ("S A DE C V", "SA DE CV"), ("SA DE CV", "SA DE CV"), ("S DE RL DE CV", "S DE RL DE CV"), ("S A R L", "SARL"), ("S A S", "SAS"), ("L L C", "LLC"), ("G M B H", "GMBH"), ("CO LTD", "CO LTD"),
            ("OOO", "OOO"), ("ZAO", "ZAO"), ("OAO", "OAO"), ("PAO", "PAO"), ("AO", "AO"), ("IP", "IP"),
            ("TOO", "TOO"), ("OAO", "OAO"), ("UP", "UP"), ("FGUP", "FGUP"), ("GUP", "GUP"), ("MUP", "MUP"),
            ("PJSC", "PJSC"), ("OJSC", "OJSC"), ("CJSC", "CJSC"), ("JSC", "JSC"),
            ("LLC", "LLC"), ("LLP", "LLP"), ("LTD", "LTD"), ("LIMITED", "LIMITED"), ("GMBH", "GMBH"), ("MBH", "MBH"),
            ("AG", "AG"), ("KG", "KG"), ("BV", "BV"), ("NV", "NV"), ("SA", "SA"), ("SARL", "SARL"), ("SAS", "SAS"),
            ("SRL", "SRL"), ("SPA", "SPA"), ("SL", "SL"), ("PLC", "PLC"), ("INC", "INC"), ("INCORPORATED", "INC"),
            ("CORP", "CORP"), ("CORPORATION", "CORP"), ("CO", "CO"), ("COMPANY", "CO"), ("AS", "AS"), ("AB", "AB"),
            ("OY", "OY"), ("SP Z O O", "SP Z O O"), ("KFT", "KFT"), ("DOO", "DOO"), ("FZE", "FZE"), ("FZCO", "FZCO"),
            ("FZ LLC", "FZ LLC"), ("PTE", "PTE"), ("PVT", "PVT"), ("SDN BHD", "SDN BHD"), ("BHD", "BHD"),
            ("AS", "AS"), ("A S", "AS"), ("LTDA", "LTDA"), ("TIC", "TIC"), ("SAN", "SAN"),
        }
        .Select(f => (f.Phrase.Split(' '), f.Label))
        .DistinctBy(f => string.Join(' ', f.Item1))
        .OrderByDescending(f => f.Item1.Length),
    ];

    /// <summary>
    /// The tokens without legal forms, and the forms removed. Nothing is removed when it would leave no token
    /// ("AO" alone stays a name).
    /// </summary>
    public static (string[] Tokens, IReadOnlyList<string> Removed) Strip(string[] tokens)
    {
        if (tokens.Length < 2)
        {
            return (tokens, []);
        }

        var kept = new List<string>(tokens.Length);
        List<string>? removed = null;
        var i = 0;
        while (i < tokens.Length)
        {
            var matched = 0;
            string? label = null;
            foreach (var (words, formLabel) in Forms)
            {
                if (words.Length <= tokens.Length - i && Matches(tokens, i, words))
                {
                    matched = words.Length;
                    label = formLabel;
                    break;
                }
            }

            if (matched > 0)
            {
                (removed ??= []).Add(label!);
                i += matched;
            }
            else
            {
                kept.Add(tokens[i]);
                i++;
            }
        }

        return kept.Count == 0 ? (tokens, []) : (kept.ToArray(), removed ?? (IReadOnlyList<string>)[]);
    }

    private static bool Matches(string[] tokens, int start, string[] words)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (!string.Equals(tokens[start + k], words[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
