namespace Portcullis.Parties;

/// <summary>Settings under <c>Parties:Sanctions</c>.</summary>
public sealed class SanctionsOptions
{
    /// <summary>Candidate hits at or above this score go to the review queue.</summary>
    public double Threshold { get; set; } = Sanctions.SanctionsMatcher.DefaultThreshold;

    /// <summary>How often the leased screening job looks for parties not screened against the active versions; 0 turns it off.</summary>
    public int ScreenEverySeconds { get; set; } = 30;

    /// <summary>Parties per transaction of a screening pass.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>A folder polled for list files (NAME.eu.xml, NAME.un.xml, NAME.ofac.xml, NAME.ftm.json); empty: no drop folder.</summary>
    public string? DropFolder { get; set; }

    /// <summary>The weight of a confirmed hit as a reason in the risk score of the party's consignments, in [0, 1).</summary>
    public double ConfirmedHitWeight { get; set; } = 0.9;

    /// <summary>The weight of a sanctioned-goods flag (EU restrictive-measure annexes) as a reason in the risk score, in [0, 1).</summary>
    public double GoodsWeight { get; set; } = 0.5;

    /// <summary>Consignments that arrived longer ago than this are not made sanctions cases by a confirmation (they are long gone).</summary>
    public int CaseWindowDays { get; set; } = 30;
}
