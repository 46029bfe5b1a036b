using System.Globalization;
using Portcullis.Domain.Phrasing;

namespace Portcullis.Risk;

/// <summary>
/// The one place that turns stored reasons into what people read: each reason with the direction and
/// size of its effect ("raises the score: consignee first seen 4 days ago, +0.08"), and a score's
/// reasons grouped as the strongest up and down, rules, model and outside evidence apart. The API
/// (<see cref="GetRisk"/>), the risk page, the dossier and the CLI all read through here.
/// </summary>
public static class ReadableReasons
{
    /// <summary>
    /// One reason as shown. <c>Source</c>, <c>Name</c>, <c>Text</c> and <c>Effect</c> are the stored
    /// reason unchanged (clients read them); <c>Direction</c> is <c>raises</c>, <c>lowers</c> or
    /// <c>none</c>; <c>FormattedEffect</c> the signed size ("+0.08", "−0.02"); <c>Scale</c> says what
    /// the number is: <c>weight</c> (a rule or outside evidence, combined by noisy-or) or
    /// <c>log-odds</c> (a model feature's share of the model's calibrated log-odds). <c>Phrase</c> is for
    /// pages only (the API's texts are English): the text as a resource key with its arguments; so is
    /// <c>DutchText</c>, a rule's own Dutch reason (<c>reason_nl</c>) filled in.
    /// </summary>
    public sealed record ReasonView(string Source, string Name, string Text, double Effect, string Direction, string FormattedEffect, string Scale, string Explanation,
        [property: System.Text.Json.Serialization.JsonIgnore] Phrase? Phrase = null,
        [property: System.Text.Json.Serialization.JsonIgnore] string? DutchText = null);

    /// <summary>A score's reasons for reading: the strongest up and down, and every reason by kind.</summary>
    public sealed record Explanation(IReadOnlyList<ReasonView> Raising, IReadOnlyList<ReasonView> Lowering, IReadOnlyList<ReasonView> Rules,
        IReadOnlyList<ReasonView> Model, IReadOnlyList<ReasonView> Evidence, int? ModelVersion, string ModelLabel);

    public const string Raises = "raises";
    public const string Lowers = "lowers";
    public const string NoEffect = "none";

    public static ReasonView View(RiskReason reason)
    {
        var direction = DirectionOf(reason.Effect);
        var formatted = Format(reason.Effect);
        var lead = direction switch
        {
            Raises => "raises the score",
            Lowers => "lowers the score",
            _ => "no effect on the score",
        };
        return new ReasonView(reason.Source, reason.Name, reason.Text, reason.Effect, direction, formatted,
            reason.Source == "model" ? "log-odds" : "weight", $"{lead}: {reason.Text}, {formatted}", reason.Phrase, reason.DutchText);
    }

    public static IReadOnlyList<ReasonView> Views(IEnumerable<RiskReason> reasons) => [.. reasons.Select(View)];

    /// <summary>
    /// Groups reasons for reading; <paramref name="top"/> bounds the raising and lowering lists. Rules
    /// are the fired rules (and sanctioned goods, a rule family of their own), model the model's
    /// features, evidence what came from outside the engine (alarms, sanctions hits, scan analyses).
    /// </summary>
    public static Explanation Explain(IEnumerable<RiskReason> reasons, int? modelVersion, int top = 5) => Explain(Views(reasons), modelVersion, top);

    /// <inheritdoc cref="Explain(IEnumerable{RiskReason}, int?, int)"/>
    public static Explanation Explain(IReadOnlyList<ReasonView> views, int? modelVersion, int top = 5)
    {
        return new Explanation(
            [.. views.Where(v => v.Direction == Raises).OrderByDescending(v => v.Effect).Take(top)],
            [.. views.Where(v => v.Direction == Lowers).OrderBy(v => v.Effect).Take(top)],
            [.. views.Where(v => KindOf(v.Source) == "rule")],
            [.. views.Where(v => KindOf(v.Source) == "model")],
            [.. views.Where(v => KindOf(v.Source) == "evidence")],
            modelVersion,
            modelVersion is { } v ? $"model v{v.ToString(CultureInfo.InvariantCulture)}" : "no active model: rules only");
    }

    /// <summary><c>rule</c>, <c>model</c> or <c>evidence</c>.</summary>
    public static string KindOf(string source) => source switch
    {
        "rule" or Parties.SanctionsGoodsRisk.Source => "rule",
        "model" => "model",
        _ => "evidence",
    };

    public static string DirectionOf(double effect) => effect switch
    {
        > 0 => Raises,
        < 0 => Lowers,
        _ => NoEffect,
    };

    /// <summary>
    /// The signed size with two decimals, three when two would round a real effect to nothing; a true
    /// minus sign (U+2212) so that it reads as one.
    /// </summary>
    public static string Format(double effect)
    {
        if (effect == 0)
        {
            return "0.00";
        }

        var size = Math.Abs(effect);
        var digits = size < 0.005 ? "0.000" : "0.00";
        return (effect > 0 ? "+" : "\u2212") + size.ToString(digits, CultureInfo.InvariantCulture);
    }
}
