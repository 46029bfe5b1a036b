using System.Text.Json.Serialization;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Imaging.Analysis;

/// <summary>What a scan shows, as declared: the analysis compares the image with what should be there.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScanSubjectKind>))]
public enum ScanSubjectKind
{
    Container,
    Parcel,
}

/// <summary>The declared subject of a scan: kind, declared HS code, ISO 6346 size/type code, container number.</summary>
public sealed record ScanSubject(ScanSubjectKind Kind, string? HsCode = null, string? IsoType = null, string? ContainerNumber = null);

/// <summary>
/// A box in pixels of the analysed image (x1, y1 exclusive) with its score (0–1), its kind
/// (e.g. "cargo-anomaly", "reefer-machinery", "structure", "doors", "tablets", "powder", "added", "removed")
/// and, where the analysis can estimate it, the mass in kilograms (grams are kg / 1000) and a count.
/// </summary>
public sealed record AnalysisRegion(int X0, int Y0, int X1, int Y1, double Score, string Kind, double? Kg = null, int? Count = null);

/// <summary>A coarse grid of scores (0–1) over the whole image, row-major.</summary>
public sealed record AnalysisHeatmap(int Columns, int Rows, IReadOnlyList<double> Scores);

/// <summary>
/// One analysis of one scan: the score (0–1), the alarm at the model's operating point, the regions
/// (best first), reasons in plain words (English; <c>ReasonPhrases</c> are the same as phrases of
/// <see cref="ScanPhrases"/>, for pages in the reader's language), the analysis version, and how long it took.
/// </summary>
public sealed record AnalysisResult(
    double Score,
    bool Alarm,
    IReadOnlyList<AnalysisRegion> Regions,
    IReadOnlyList<string> Reasons,
    string Version,
    double Milliseconds,
    AnalysisHeatmap? Heatmap = null,
    [property: JsonIgnore] IReadOnlyList<Phrase>? ReasonPhrases = null);

/// <summary>
/// An analysis, or the one sentence that says why the scan cannot be analysed ("cannot analyse: …"):
/// <c>CannotAnalyse</c> in English for the API and the CLI, <c>CannotAnalysePhrase</c> the same sentence as a
/// phrase of <see cref="ScanPhrases"/> (<c>ScanWhy.CannotAnalyse</c> around the reason) for pages in the reader's language.
/// </summary>
public sealed record AnalysisOutcome(AnalysisResult? Result, string? CannotAnalyse, [property: JsonIgnore] Phrase? CannotAnalysePhrase = null)
{
    public static AnalysisOutcome Ok(AnalysisResult result) => new(result, null);

    /// <summary>
    /// The refusal of a reason: a phrase of <see cref="ScanPhrases"/>, or text from outside the analysers (a reader's
    /// or a store's message, in English). The English is said from the phrase, so the two never differ.
    /// </summary>
    public static AnalysisOutcome Refused(PhraseArg reason) => Sentence(Phrase.Of("ScanWhy.CannotAnalyse", reason));

    /// <summary>A refusal in text (the CLI's file readers); a reason already starting "cannot analyse: " keeps it once.</summary>
    public static AnalysisOutcome Refused(string reason) =>
        Sentence(Phrase.Of("ScanWhy.CannotAnalyse", reason.StartsWith(Prefix, StringComparison.Ordinal) ? reason[Prefix.Length..] : reason));

    private const string Prefix = "cannot analyse: ";

    private static AnalysisOutcome Sentence(Phrase sentence) => new(null, ScanPhrases.Catalogue.Say(sentence), sentence);
}

[JsonConverter(typeof(JsonStringEnumConverter<ScanChange>))]
public enum ScanChange
{
    None,
    Added,
    Removed,
}

/// <summary>
/// An origin–arrival comparison: score (0–1), alarm, what changed and how many kilograms, regions in the
/// arrival image for added mass and in the origin image for removed mass (<see cref="RegionsImage"/>).
/// </summary>
public sealed record ComparisonResult(
    double Score,
    bool Alarm,
    ScanChange Change,
    double Kg,
    IReadOnlyList<AnalysisRegion> Regions,
    string RegionsImage,
    IReadOnlyList<string> Reasons,
    string Version,
    double Milliseconds,
    AnalysisHeatmap? ChangeMap = null,
    [property: JsonIgnore] IReadOnlyList<Phrase>? ReasonPhrases = null);

/// <summary>
/// A comparison, or why the pair cannot be compared ("cannot compare: …", e.g. different containers), in
/// English and as a phrase (<c>ScanWhy.CannotCompare</c> around the reason), as in <see cref="AnalysisOutcome"/>.
/// </summary>
public sealed record ComparisonOutcome(ComparisonResult? Result, string? CannotCompare, [property: JsonIgnore] Phrase? CannotComparePhrase = null)
{
    public static ComparisonOutcome Ok(ComparisonResult result) => new(result, null);

    /// <summary>The refusal of a reason: a phrase of <see cref="ScanPhrases"/>, or text from outside the analysers.</summary>
    public static ComparisonOutcome Refused(PhraseArg reason) => Sentence(Phrase.Of("ScanWhy.CannotCompare", reason));

    /// <summary>A refusal in text (the CLI's file readers); a reason already starting "cannot compare: " keeps it once.</summary>
    public static ComparisonOutcome Refused(string reason) =>
        Sentence(Phrase.Of("ScanWhy.CannotCompare", reason.StartsWith(Prefix, StringComparison.Ordinal) ? reason[Prefix.Length..] : reason));

    private const string Prefix = "cannot compare: ";

    private static ComparisonOutcome Sentence(Phrase sentence) => new(null, ScanPhrases.Catalogue.Say(sentence), sentence);
}

/// <summary>A cleared scan (no finding at inspection) to learn normal appearance from.</summary>
public sealed record LearningExample(ScanImage Image, ScanSubject Subject);
