namespace Portcullis.Integrity;

/// <summary>Integrity settings (section "Integrity").</summary>
public sealed record IntegrityOptions
{
    /// <summary>The rate limit and the risk weights every alarm is raised with.</summary>
    public AlarmPolicy Alarms { get; init; } = new();

    /// <summary>Release tokens: lifetime and the gate-out window.</summary>
    public ReleaseOptions Releases { get; init; } = new();

    /// <summary>Partners (carriers, terminals) told about alarms on their own containers; none by default.</summary>
    public List<PartnerAgreement> Agreements { get; init; } = [];

    /// <summary>How often the release gate pass looks for gate-outs without a consumed token, in seconds; 0 switches it off.</summary>
    public int GatePassEverySeconds { get; init; } = 60;
}

/// <summary>
/// How alarms are limited and weighed. <see cref="PerContainer"/> new alarms for one container within
/// <see cref="WindowMinutes"/> are raised one by one; further candidates in the window are folded into
/// one open flood alarm that counts them (never dropped).
/// </summary>
public sealed record AlarmPolicy
{
    public static AlarmPolicy Default { get; } = new();

    /// <summary>New alarms per container within the window before further ones are folded (N).</summary>
    public int PerContainer { get; init; } = 10;

    /// <summary>The sliding window of the rate limit, in minutes.</summary>
    public double WindowMinutes { get; init; } = 60;

    /// <summary>The weight an open high alarm adds to its container's risk score (noisy-or).</summary>
    public double HighWeight { get; init; } = 0.3;

    /// <summary>The weight an open critical alarm adds to its container's risk score (noisy-or).</summary>
    public double CriticalWeight { get; init; } = 0.5;

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);
}

/// <summary>Release tokens (section "Integrity:Releases").</summary>
public sealed record ReleaseOptions
{
    /// <summary>How long a release token may be collected and verified after it was issued, in hours.</summary>
    public double TokenHours { get; init; } = 4;

    /// <summary>A gate-out counts as released when the token was verified at most this long before it, in hours.</summary>
    public double GateWindowHours { get; init; } = 2;
}
