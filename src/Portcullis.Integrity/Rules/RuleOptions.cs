using Portcullis.Integrity.Geofences;

namespace Portcullis.Integrity.Rules;

/// <summary>The rules' parameters; docs/INTEGRITY.md ("Rules") gives the reasons for each default.</summary>
public sealed record RuleOptions
{
    public static readonly RuleOptions Default = new();

    /// <summary>Hysteresis for fence crossings, and the band within which a fix counts as in a zone.</summary>
    public FenceOptions Fence { get; init; } = FenceOptions.Default;

    /// <summary>A door event without its own fix is placed at the last fix this recent.</summary>
    public TimeSpan DoorFixMaxAge { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A reefer opened or re-set this long before arrival is suspicious (the last days at sea and the approach).</summary>
    public TimeSpan ReeferWindow { get; init; } = TimeSpan.FromHours(72);

    /// <summary>A set point within this of the declared one is a correction, not a change.</summary>
    public double ReeferToleranceC { get; init; } = 1.0;

    /// <summary>Standing still this long on the road, outside every zone, is an unplanned stop.</summary>
    public TimeSpan StopDuration { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Fixes within this radius count as standing still (parking lots, GPS scatter).</summary>
    public double StopRadiusMetres { get; init; } = 250;

    /// <summary>The norm for a box waiting in a transshipment port between discharge and loading.</summary>
    public TimeSpan TransshipmentDwell { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A device silent this long after its last reading has gone quiet (e-seals report at least hourly).</summary>
    public TimeSpan QuietAfter { get; init; } = TimeSpan.FromHours(6);

    /// <summary>A container not observed this long is forgotten by the monitor (its state is rebuilt if it comes back).</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromDays(45);
}
