namespace Portcullis.Simulator;

/// <summary>
/// Fictional but plausible names built from syllables and sector words, so that no real company
/// or ship is ever named in simulated data.
/// </summary>
internal static class NameGenerator
{
    private static readonly string[] Onsets = ["B", "Br", "C", "D", "Dr", "F", "G", "Gr", "H", "K", "Kr", "L", "M", "N", "P", "Pr", "R", "S", "St", "T", "Tr", "V", "Vr", "W", "Z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ei", "oa", "au", "ie"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "nd", "rt", "m", "x", "ck", "nt"];
    private static readonly string[] GivenInitials = ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S.", "T.", "W."];
    private static readonly string[] ShipWords = ["Express", "Star", "Spirit", "Bay", "Horizon", "Trader", "Pride", "Bridge", "Wave", "Fortune", "Harmony", "Crest"];

    public static string Word(SimRandom rng, int syllables)
    {
        Span<char> buffer = stackalloc char[syllables * 6];
        var length = 0;
        for (var i = 0; i < syllables; i++)
        {
            length = Append(buffer, length, i == 0 ? rng.Pick(Onsets) : rng.Pick(Onsets).ToLowerInvariant());
            length = Append(buffer, length, rng.Pick(Vowels));
            length = Append(buffer, length, rng.Pick(Codas));
        }

        return new string(buffer[..length]);
    }

    public static string Company(SimRandom rng, string country, IReadOnlyList<string> sectorWords)
    {
        var core = Word(rng, rng.Next(2, 4));
        var sector = rng.Pick(sectorWords);
        return $"{core} {sector} {LegalForm(rng, country)}";
    }

    public static string Person(SimRandom rng) => $"{rng.Pick(GivenInitials)} {Word(rng, rng.Next(2, 4))}";

    public static string Vessel(SimRandom rng) => $"{Word(rng, rng.Next(2, 4))} {rng.Pick(ShipWords)}";

    private static int Append(Span<char> buffer, int length, string part)
    {
        part.AsSpan().CopyTo(buffer[length..]);
        return length + part.Length;
    }

    private static string LegalForm(SimRandom rng, string country) => country switch
    {
        "NL" => "B.V.",
        "BE" => rng.Chance(0.5) ? "BV" : "SRL",
        "DE" => "GmbH",
        "FR" => "SAS",
        "ES" => "S.L.",
        "IT" => "S.r.l.",
        "EC" => rng.Chance(0.5) ? "S.A." : "Cía. Ltda.",
        "CO" => "S.A.S.",
        "PE" => "S.A.C.",
        "BR" => "Ltda.",
        "AR" or "DO" => "S.R.L.",
        "CL" => "SpA",
        "CR" or "PA" or "UY" or "PY" or "GT" => "S.A.",
        "HN" or "MX" => "S.A. de C.V.",
        "CN" or "KR" or "TW" or "TH" => "Co., Ltd.",
        "VN" => "JSC",
        "SG" => "Pte. Ltd.",
        "MY" => "Sdn. Bhd.",
        "IN" or "PK" or "LK" => "Pvt. Ltd.",
        "AE" or "US" => rng.Chance(0.5) ? "LLC" : "Inc.",
        "CA" => "Inc.",
        "ZA" => "(Pty) Ltd",
        "ET" => "PLC",
        "CI" or "MA" => "SARL",
        "JP" => "K.K.",
        "QA" => "W.L.L.",
        _ => "Ltd",
    };
}
