namespace Portcullis.Ingest.Edifact.CodeLists;

/// <summary>
/// What a BGM message function (UNCL 1225) means for what we store. Only three things can happen
/// to a stored consignment: it is added (an original; a consignment already stored stays as it is and
/// counts as a duplicate), it is replaced, or it is cancelled. Every 1225 code falls into one of them.
/// </summary>
public static class MessageFunctions
{
    /// <summary>Codes whose document replaces an earlier version of itself.</summary>
    private static readonly HashSet<string> Replacing = new(StringComparer.Ordinal)
    {
        "4", // Change
        "5", // Replace
        "18", // Reissue
        "19", // Seller initiated change
        "20", // Replace heading section only
        "21", // Replace item detail and summary only
        "33", // Change in heading section
        "36", // Change in detail section
        "62", // Update schedule
    };

    /// <summary>Codes whose document withdraws an earlier one.</summary>
    private static readonly HashSet<string> Cancelling = new(StringComparer.Ordinal)
    {
        "1", // Cancellation
        "3", // Deletion
        "17", // Cancel, to be reissued
        "39", // Reversal for cancellation
        "40", // Request for deletion
        "50", // Withdraw
    };

    /// <summary>
    /// The storage meaning of <paramref name="code"/>, and whether it is one of the three usual
    /// codes (9, 5, 1, or none) that need no warning. Anything else that does not replace or cancel
    /// (22 final transmission, 43 additional transmission, 7 duplicate, 31 copy, 53 test...) adds what
    /// is new, like an original: re-sent consignments are recognised as duplicates by their B/L.
    /// </summary>
    public static (DocumentFunction Function, bool Usual) Storage(string code) => code switch
    {
        "" or "9" => (DocumentFunction.Original, true),
        "5" => (DocumentFunction.Replace, true),
        "1" => (DocumentFunction.Cancel, true),
        _ when Replacing.Contains(code) => (DocumentFunction.Replace, false),
        _ when Cancelling.Contains(code) => (DocumentFunction.Cancel, false),
        _ => (DocumentFunction.Original, false),
    };

    public static string Verb(DocumentFunction function) => function switch
    {
        DocumentFunction.Replace => "a replacement",
        DocumentFunction.Cancel => "a cancellation",
        _ => "an original",
    };
}
