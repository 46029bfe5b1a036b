namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Learned normal appearance of container scans: one <see cref="ContainerNormal"/> per container type and
/// commodity group (plus a "generic" group per type pooling all of them), and the operating point.
/// <see cref="Threshold"/> is the score that at most <see cref="TargetFalseAlarmRate"/> of the learning scans
/// exceeded when scored by normals learned without them (two-fold cross-scoring, so the rate is out of sample).
/// </summary>
public sealed record ContainerModel(
    string Version,
    int Columns = ContainerView.GridColumns,
    int Rows = ContainerView.GridRows,
    IReadOnlyList<ContainerNormal>? Normals = null,
    double Threshold = ContainerAnalyzer.DefaultThreshold,
    double TargetFalseAlarmRate = 0.02,
    int Examples = 0);

/// <summary>
/// Per grid cell (row-major, <see cref="ContainerModel.Columns"/> × <see cref="ContainerModel.Rows"/> over the
/// container's length and height, front end first) the median and robust spread of two features of cleared scans:
/// the local excess (mass above the surrounding load, brick-sized) and the level (mean attenuation).
/// </summary>
public sealed record ContainerNormal(
    string TypeKey,
    string Group,
    int Examples,
    double[] ExcessMedian,
    double[] ExcessScale,
    double[] LevelMedian,
    double[] LevelScale);
