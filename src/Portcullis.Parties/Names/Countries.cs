namespace Portcullis.Parties.Names;

/// <summary>
/// Country names as the lists write them, to ISO 3166 alpha-2. A small table: the countries that recur on the
/// EU, UN and OFAC lists and on the circumvention routes; an unknown name gives null (and the reader a warning).
/// </summary>
public static class Countries
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.Ordinal)
    {
        ["RUSSIA"] = "RU", ["RUSSIAN FEDERATION"] = "RU", ["BELARUS"] = "BY", ["UKRAINE"] = "UA", ["IRAN"] = "IR",
        ["IRAN ISLAMIC REPUBLIC OF"] = "IR", ["IRAQ"] = "IQ", ["SYRIA"] = "SY", ["SYRIAN ARAB REPUBLIC"] = "SY",
        ["NORTH KOREA"] = "KP", ["KOREA NORTH"] = "KP", ["DEMOCRATIC PEOPLE S REPUBLIC OF KOREA"] = "KP",
        ["DEMOCRATIC PEOPLES REPUBLIC OF KOREA"] = "KP", ["SOUTH KOREA"] = "KR", ["KOREA SOUTH"] = "KR",
        ["REPUBLIC OF KOREA"] = "KR", ["CHINA"] = "CN", ["HONG KONG"] = "HK", ["TURKEY"] = "TR", ["TURKIYE"] = "TR",
        ["UNITED ARAB EMIRATES"] = "AE", ["KAZAKHSTAN"] = "KZ", ["ARMENIA"] = "AM", ["KYRGYZSTAN"] = "KG",
        ["GEORGIA"] = "GE", ["AZERBAIJAN"] = "AZ", ["UZBEKISTAN"] = "UZ", ["TAJIKISTAN"] = "TJ", ["SERBIA"] = "RS",
        ["AFGHANISTAN"] = "AF", ["PAKISTAN"] = "PK", ["INDIA"] = "IN", ["SAUDI ARABIA"] = "SA", ["YEMEN"] = "YE",
        ["LEBANON"] = "LB", ["LIBYA"] = "LY", ["SUDAN"] = "SD", ["SOUTH SUDAN"] = "SS", ["SOMALIA"] = "SO",
        ["MALI"] = "ML", ["NIGERIA"] = "NG", ["CENTRAL AFRICAN REPUBLIC"] = "CF", ["RWANDA"] = "RW", ["UGANDA"] = "UG",
        ["DEMOCRATIC REPUBLIC OF THE CONGO"] = "CD", ["CONGO DEMOCRATIC REPUBLIC OF THE"] = "CD", ["CONGO"] = "CG",
        ["BURUNDI"] = "BI", ["ZIMBABWE"] = "ZW", ["VENEZUELA"] = "VE", ["CUBA"] = "CU", ["NICARAGUA"] = "NI",
        ["MEXICO"] = "MX", ["COLOMBIA"] = "CO", ["MYANMAR"] = "MM", ["BURMA"] = "MM", ["CYPRUS"] = "CY",
        ["NETHERLANDS"] = "NL", ["THE NETHERLANDS"] = "NL", ["GERMANY"] = "DE", ["FRANCE"] = "FR", ["BELGIUM"] = "BE",
        ["UNITED KINGDOM"] = "GB", ["UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND"] = "GB",
        ["UNITED STATES"] = "US", ["UNITED STATES OF AMERICA"] = "US", ["SWITZERLAND"] = "CH", ["AUSTRIA"] = "AT",
        ["ITALY"] = "IT", ["SPAIN"] = "ES", ["POLAND"] = "PL", ["LATVIA"] = "LV", ["LITHUANIA"] = "LT", ["ESTONIA"] = "EE",
        ["FINLAND"] = "FI", ["MOLDOVA"] = "MD", ["REPUBLIC OF MOLDOVA"] = "MD", ["EGYPT"] = "EG", ["JORDAN"] = "JO",
        ["ISRAEL"] = "IL", ["INDONESIA"] = "ID", ["MALAYSIA"] = "MY", ["SINGAPORE"] = "SG", ["PHILIPPINES"] = "PH",
        ["THAILAND"] = "TH", ["VIETNAM"] = "VN", ["VIET NAM"] = "VN", ["ALGERIA"] = "DZ", ["TUNISIA"] = "TN",
        ["MOROCCO"] = "MA", ["KUWAIT"] = "KW", ["QATAR"] = "QA", ["BAHRAIN"] = "BH", ["OMAN"] = "OM",
        ["PANAMA"] = "PA", ["MARSHALL ISLANDS"] = "MH", ["LIBERIA"] = "LR", ["ERITREA"] = "ER", ["ETHIOPIA"] = "ET",
        ["KENYA"] = "KE", ["SOUTH AFRICA"] = "ZA", ["BOSNIA AND HERZEGOVINA"] = "BA", ["NORTH MACEDONIA"] = "MK",
        ["MONTENEGRO"] = "ME", ["KOSOVO"] = "XK", ["GUINEA"] = "GN", ["GUINEA BISSAU"] = "GW", ["HAITI"] = "HT",
        ["CRIMEA"] = "UA", ["TURKMENISTAN"] = "TM", ["MONGOLIA"] = "MN", ["JAPAN"] = "JP", ["BRAZIL"] = "BR",
        ["ARGENTINA"] = "AR", ["CANADA"] = "CA", ["AUSTRALIA"] = "AU", ["GREECE"] = "GR", ["MALTA"] = "MT",
        ["BULGARIA"] = "BG", ["ROMANIA"] = "RO", ["HUNGARY"] = "HU", ["CZECH REPUBLIC"] = "CZ", ["CZECHIA"] = "CZ",
        ["SLOVAKIA"] = "SK", ["SLOVENIA"] = "SI", ["CROATIA"] = "HR", ["SWEDEN"] = "SE", ["NORWAY"] = "NO",
        ["DENMARK"] = "DK", ["IRELAND"] = "IE", ["PORTUGAL"] = "PT", ["LUXEMBOURG"] = "LU", ["SEYCHELLES"] = "SC",
        ["BRITISH VIRGIN ISLANDS"] = "VG", ["VIRGIN ISLANDS BRITISH"] = "VG", ["BELIZE"] = "BZ", ["ECUADOR"] = "EC",
        ["PALESTINIAN"] = "PS", ["WEST BANK"] = "PS", ["GAZA"] = "PS", ["BANGLADESH"] = "BD", ["SRI LANKA"] = "LK",
    };

    /// <summary>The alpha-2 code for a country name or code as a list writes it; null when not known.</summary>
    public static string? ToIso2(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        var trimmed = country.Trim();
        if (trimmed.Length == 2 && char.IsAsciiLetter(trimmed[0]) && char.IsAsciiLetter(trimmed[1]))
        {
            return trimmed.ToUpperInvariant();
        }

        var key = NameFolding.Fold(trimmed).Folded;
        return ByName.TryGetValue(key, out var code) ? code : null;
    }
}
