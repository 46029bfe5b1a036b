using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Portcullis.Risk.Model;

/// <summary>Fits ML.NET's LightGBM binary classifier on feature vectors and hands back its trees.</summary>
internal static class LightGbmFit
{
    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    public static (ITransformer Model, DataViewSchema Schema, TreeModel Trees) Fit(
        IReadOnlyList<float[]> x, IReadOnlyList<bool> y, int width, Hyperparameters hp, int seed, int threads)
    {
        var ml = new MLContext(seed);
        var data = DataView(ml, x, y, width);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            NumberOfLeaves = hp.Leaves,
            LearningRate = hp.LearningRate,
            NumberOfIterations = hp.Iterations,
            MinimumExampleCountPerLeaf = hp.MinDataInLeaf,
            UnbalancedSets = hp.Unbalanced,
            Seed = seed,
            NumberOfThreads = threads,
            Silent = true,
            Verbose = false,
            UseCategoricalSplit = false,
        });
        var model = trainer.Fit(data);
        return (model, data.Schema, Extract(model));
    }

    public static IDataView DataView(MLContext ml, IReadOnlyList<float[]> x, IReadOnlyList<bool> y, int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(x.Select((row, i) => new Row { Label = y[i], Features = row }), schema);
    }

    public static TreeModel Extract(ITransformer model) =>
        model is BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> t
            ? TreeModel.From(t.Model.SubModel.TrainedTreeEnsemble)
            : throw new InvalidOperationException($"Not a LightGBM binary model: {model.GetType().Name}.");

    public static byte[] Save(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        new MLContext().Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    public static ITransformer Load(byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        return new MLContext().Model.Load(stream, out _);
    }
}
