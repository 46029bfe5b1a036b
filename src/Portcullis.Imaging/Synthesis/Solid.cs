namespace Portcullis.Imaging.Synthesis;

/// <summary>How a solid's path length (chord) along the ray varies over its outline in the image plane.</summary>
public enum SolidShape
{
    /// <summary>Constant chord over the rectangle; partial pixels get their covered fraction (thin sheets, rails).</summary>
    Box,

    /// <summary>Chord Depth·√(1 − u² − v²) over the inscribed ellipse: bags, fruit, bulbs, pillows of powder.</summary>
    Ellipsoid,

    /// <summary>A tube whose axis is perpendicular to the ray and vertical in the image (door locking bars): chord of an annulus across x.</summary>
    TubeAcross,

    /// <summary>A tube whose axis runs along the image's x (pipes, rolls, rails): chord of an annulus across y.</summary>
    TubeAlong,

    /// <summary>A disc or cylinder whose axis is the ray: constant chord inside the inscribed ellipse (tablets seen face on, coils, bottle bottoms).</summary>
    Disc,
}

/// <summary>
/// One homogeneous object of a scene: an outline in the image plane (x along the image's columns, y up
/// the image, in cm), a chord along the ray (cm), the material and the bulk density (g/cm³) of what it
/// holds (for tubes, <see cref="Depth"/> is the number of tubes crossed and <see cref="InnerFraction"/>
/// the bore over the outer radius). A negative density removes material (a brick replacing foam in a wall). <see cref="Texture"/>
/// modulates the density by smooth noise of that relative amplitude (fruit in boxes, beans in bags) on
/// cells of <see cref="TextureCm"/>; <see cref="Group"/> ties cargo that settles together.
/// </summary>
public sealed record Solid(
    SolidShape Shape,
    Material Material,
    double Density,
    double X0,
    double Y0,
    double X1,
    double Y1,
    double Depth,
    double InnerFraction = 0,
    double Texture = 0,
    double TextureCm = 4,
    int Group = 0)
{
    /// <summary>Mass thickness (g/cm²) along the ray through the pixel [xa, xb] × [ya, yb], before texture.</summary>
    public double MassThickness(double xa, double xb, double ya, double yb)
    {
        switch (Shape)
        {
            case SolidShape.Box:
                {
                    var cx = Overlap(xa, xb, X0, X1) / (xb - xa);
                    var cy = Overlap(ya, yb, Y0, Y1) / (yb - ya);
                    return Density * Depth * cx * cy;
                }

            case SolidShape.TubeAcross:
                return Density * Annulus((((xa + xb) / 2) - ((X0 + X1) / 2)) / ((X1 - X0) / 2), (X1 - X0) / 2) * Overlap(ya, yb, Y0, Y1) / (yb - ya);

            case SolidShape.TubeAlong:
                return Density * Annulus((((ya + yb) / 2) - ((Y0 + Y1) / 2)) / ((Y1 - Y0) / 2), (Y1 - Y0) / 2) * Overlap(xa, xb, X0, X1) / (xb - xa);

            default:
                {
                    var u = (((xa + xb) / 2) - ((X0 + X1) / 2)) / ((X1 - X0) / 2);
                    var v = (((ya + yb) / 2) - ((Y0 + Y1) / 2)) / ((Y1 - Y0) / 2);
                    var r2 = (u * u) + (v * v);
                    if (r2 >= 1)
                    {
                        return 0;
                    }

                    return Shape == SolidShape.Disc ? Density * Depth : Density * Depth * Math.Sqrt(1 - r2);
                }
        }
    }

    /// <summary>The same solid moved by (dx, dy) cm.</summary>
    public Solid Shifted(double dx, double dy) => this with { X0 = X0 + dx, X1 = X1 + dx, Y0 = Y0 + dy, Y1 = Y1 + dy };

    // A tube's chord through its wall at relative offset s from the axis (outline half-width = radius);
    // for tubes Depth counts the tubes the ray crosses (four locking bars on a door).
    private double Annulus(double s, double radius)
    {
        var outer = s * s < 1 ? 2 * Math.Sqrt(1 - (s * s)) : 0;
        var r = InnerFraction;
        var inner = s * s < r * r ? 2 * Math.Sqrt((r * r) - (s * s)) : 0;
        return (outer - inner) * radius * Depth;
    }

    private static double Overlap(double a0, double a1, double b0, double b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));
}
