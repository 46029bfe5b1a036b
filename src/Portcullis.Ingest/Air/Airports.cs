namespace Portcullis.Ingest.Air;

/// <summary>
/// IATA airport codes and the UN/LOCODE of the place each serves. Cargo-XML names airports by their
/// IATA code; Portcullis routes by UN/LOCODE. Several airports can serve one place (Tokyo: NRT,
/// HND), so the first airport listed for a place is the one written for it.
/// </summary>
public static class Airports
{
    private static readonly (string Iata, string UnLocode)[] Table =
    [
        ("AMS", "NLAMS"), ("RTM", "NLRTM"), ("EIN", "NLEIN"), ("MST", "NLMST"), ("GRQ", "NLGRQ"),
        ("LGG", "BELGG"), ("BRU", "BEBRU"), ("LUX", "LULUX"), ("FRA", "DEFRA"), ("CGN", "DECGN"), ("LEJ", "DELEJ"),
        ("MUC", "DEMUC"), ("HHN", "DEHHN"), ("FDH", "DEFDH"), ("LHR", "GBLON"), ("STN", "GBSTN"), ("CDG", "FRPAR"),
        ("MXP", "ITMIL"), ("MAD", "ESMAD"), ("ZRH", "CHZRH"), ("VIE", "ATVIE"), ("CPH", "DKCPH"), ("DUB", "IEDUB"),
        ("ORK", "IEORK"), ("IST", "TRIST"), ("BOG", "COBOG"), ("UIO", "ECUIO"), ("GRU", "BRGRU"), ("VCP", "BRVCP"),
        ("LIM", "PELIM"), ("MEX", "MXMEX"), ("SCL", "CLSCL"), ("EZE", "ARBUE"), ("NBO", "KENBO"), ("ADD", "ETADD"),
        ("JNB", "ZAJNB"), ("LOS", "NGLOS"), ("ACC", "GHACC"), ("CAI", "EGCAI"), ("DXB", "AEDXB"), ("DWC", "AEDWC"),
        ("AUH", "AEAUH"), ("DOH", "QADOH"), ("BOM", "INBOM"), ("DEL", "INDEL"), ("MAA", "INMAA"), ("BLR", "INBLR"),
        ("CMB", "LKCMB"), ("KHI", "PKKHI"), ("HKG", "HKHKG"), ("PVG", "CNSHA"), ("PEK", "CNBJS"), ("CAN", "CNCAN"),
        ("SZX", "CNSZX"), ("ICN", "KRSEL"), ("SIN", "SGSIN"), ("TPE", "TWTPE"), ("NRT", "JPTYO"), ("HND", "JPTYO"),
        ("KIX", "JPOSA"), ("BKK", "THBKK"), ("KUL", "MYKUL"), ("SGN", "VNSGN"), ("HAN", "VNHAN"), ("SYD", "AUSYD"),
        ("JFK", "USNYC"), ("EWR", "USEWR"), ("ORD", "USCHI"), ("ATL", "USATL"), ("LAX", "USLAX"), ("MIA", "USMIA"),
        ("ANC", "USANC"), ("DFW", "USDFW"), ("YUL", "CAMTR"), ("YYZ", "CATOR"),
    ];

    private static readonly Dictionary<string, string> ToLocode = Table.ToDictionary(a => a.Iata, a => a.UnLocode, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> ToIata = Table
        .GroupBy(a => a.UnLocode, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Iata, StringComparer.OrdinalIgnoreCase);

    /// <summary>The UN/LOCODE for an IATA airport code, or null when this table does not know it.</summary>
    public static string? UnLocodeOf(string iata) => ToLocode.GetValueOrDefault(iata);

    /// <summary>The IATA code written for a UN/LOCODE, or null when no airport here serves it.</summary>
    public static string? IataOf(string unLocode) => ToIata.GetValueOrDefault(unLocode);
}
