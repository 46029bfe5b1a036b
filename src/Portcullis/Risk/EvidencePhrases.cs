using Portcullis.Domain.Phrasing;
using Portcullis.Imaging.Analysis;
using Portcullis.Integrity.Alarms;

namespace Portcullis.Risk;

/// <summary>
/// The sentences that put outside evidence on a risk score ("Open high integrity alarm on container
/// X: …"), as keys and English formats; the evidence's own sentence is a nested phrase of its
/// library's catalogue (<see cref="AlarmPhrases"/>, <see cref="ScanPhrases"/>), so one page renders the whole reason in the
/// reader's language. The stored reason's text stays the English the API and the CLI read.
/// </summary>
public static class EvidencePhrases
{
    public static readonly PhraseCatalogue Catalogue = new(new Dictionary<string, string>
    {
        ["EvidenceWhy.AlarmHigh"] = "Open high integrity alarm on container {0}: {1}",
        ["EvidenceWhy.AlarmCritical"] = "Open critical integrity alarm on container {0}: {1}",
        ["EvidenceWhy.Scan"] = "scan analysis {0:0.00} on container {1} ({2})",
        ["EvidenceWhy.ScanReason"] = "scan analysis {0:0.00} on container {1} ({2}): {3}",
        ["EvidenceWhy.Compare"] = "origin–arrival comparison {0:0.00} on container {1} ({2})",
        ["EvidenceWhy.CompareReason"] = "origin–arrival comparison {0:0.00} on container {1} ({2}): {3}",
        ["EvidenceWhy.Sanctions"] = "sanctions: confirmed hit on {0} entry {1} '{2}'",
    }, AlarmPhrases.Catalogue, ScanPhrases.Catalogue);
}
