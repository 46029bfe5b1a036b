using System.Text.Json;
using System.Text.Json.Serialization;
using Portcullis.Imaging.Analysis.Compare;
using Portcullis.Imaging.Analysis.Containers;
using Portcullis.Imaging.Analysis.Parcels;

namespace Portcullis.Imaging.Analysis;

/// <summary>
/// What <c>portcullis scan learn</c> writes: one JSON file with a section per analysis family. A missing
/// section means that family uses its built-in defaults (structure-only checks, no learned normal).
/// </summary>
public sealed record AnalysisModel(
    int FormatVersion,
    DateTimeOffset LearnedAt,
    int Examples,
    ContainerModel? Containers = null,
    ParcelModel? Parcels = null,
    CompareModel? Compare = null)
{
    public const int CurrentFormat = 1;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A model from its JSON, or the reason it is not one (never throws for bad input).</summary>
    public static (AnalysisModel? Model, string? Problem) Parse(string json)
    {
        AnalysisModel? model;
        try
        {
            model = JsonSerializer.Deserialize<AnalysisModel>(json, Json);
        }
        catch (JsonException e)
        {
            return (null, $"not a Portcullis scan-analysis model ({e.Message}); write one with 'portcullis scan learn'");
        }

        if (model is null || model.FormatVersion != CurrentFormat)
        {
            return (null, $"the model file has format {model?.FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, this build reads format {CurrentFormat}; learn it again with 'portcullis scan learn'");
        }

        return (model, null);
    }
}
