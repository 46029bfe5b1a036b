namespace Portcullis.Imaging.Analysis.Containers;

/// <summary>
/// Learned normal appearance of container scans: one <see cref="ContainerNormal"/> per container type and
/// commodity group (plus a "generic" group per type pooling all of them), and the operating point.
/// <see cref="Threshold"/> is the score that at most <see cref="TargetFalseAlarmRate"/> of the learning scans
/// exceeded when scored by normals learned without them (leave one out, so the rate is out of sample); each group's
/// calibration spread includes how much further its scans stand out when their scanner is left out of the learning.
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
/// the local excess (mass above the surrounding load, brick-sized) and the level (mean attenuation); per row the
/// same pooled over every cargo position (<c>Row…</c>: the position-free normal, for loads whose layout varies);
/// per cell the heaviness of its z's tail among cleared scans scored out of sample (<c>CellTail</c>, at least 1);
/// and the calibration: median and upper spread of the scan statistic of this group's cleared scans scored out of
/// sample, so that one threshold on the calibrated score means one false-alarm rate in every group.
/// </summary>
public sealed record ContainerNormal(
    string TypeKey,
    string Group,
    int Examples,
    double[] ExcessMedian,
    double[] ExcessScale,
    double[] LevelMedian,
    double[] LevelScale,
    double[]? RowExcessMedian = null,
    double[]? RowExcessScale = null,
    double[]? RowLevelMedian = null,
    double[]? RowLevelScale = null,
    double CalibrationMedian = 0,
    double CalibrationScale = 0,
    double[]? CellTail = null);
