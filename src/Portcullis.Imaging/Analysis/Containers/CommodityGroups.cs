namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// HS chapter → a commodity group whose scans look alike (bulk density and packing), so that a few dozen
/// cleared scans per group suffice. Unknown or missing HS codes fall in <see cref="Generic"/>.
/// </summary>
public static class CommodityGroups
{
    public const string Generic = "generic";

    public static string Of(string? hsCode)
    {
        var digits = new string([.. (hsCode ?? "").Where(char.IsAsciiDigit).Take(2)]);
        if (digits.Length < 2)
        {
            return Generic;
        }

        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) switch
        {
            >= 1 and <= 5 => "animal-products",
            >= 6 and <= 8 => "fruit-vegetables",
            >= 9 and <= 14 => "beans-grain",
            >= 15 and <= 24 => "foodstuffs",
            >= 25 and <= 27 => "minerals-fuels",
            >= 28 and <= 40 => "chemicals-plastics",
            >= 41 and <= 43 => "hides",
            >= 44 and <= 49 => "wood-paper",
            >= 50 and <= 67 => "textiles",
            >= 68 and <= 71 => "stone-glass",
            >= 72 and <= 83 => "metals",
            >= 84 and <= 85 => "machinery",
            >= 86 and <= 89 => "vehicles",
            >= 90 and <= 97 => "manufactures",
            _ => Generic,
        };
    }
}
