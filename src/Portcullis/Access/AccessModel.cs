namespace Portcullis.Access;

/// <summary>The roles of the need-to-know model. A role decides which capabilities a person may use;
/// hub scope and organisation decide which data within them.</summary>
public static class Roles
{
    public const string TargetingAnalyst = "targeting-analyst";
    public const string ScanAnalyst = "scan-analyst";
    public const string HubInspector = "hub-inspector";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";
    public const string TerminalPartner = "terminal-partner";
    public const string PartnerAgency = "partner-agency";

    public static IReadOnlyList<string> All { get; } =
        [TargetingAnalyst, ScanAnalyst, HubInspector, Supervisor, Auditor, Administrator, TerminalPartner, PartnerAgency];

    /// <summary>Customs staff: the roles that may see cargo data of their hubs at all.</summary>
    public static IReadOnlyList<string> Customs { get; } =
        [TargetingAnalyst, ScanAnalyst, HubInspector, Supervisor, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// Roles that see cargo, risk or selections: an account or token in one of them works only after
    /// a second person, a supervisor, approved it (four eyes), so no administrator can give
    /// themselves or a system that sight alone.
    /// </summary>
    public static bool NeedsApproval(string role) => Customs.Contains(role, StringComparer.Ordinal);
}

public enum OrganisationKind
{
    Customs,
    Terminal,
    Carrier,
    ScannerOperator,
    Police,
    ForeignCustoms,
}

public sealed class Organisation
{
    public required Guid Id { get; init; }

    public required string Name { get; set; }

    public required OrganisationKind Kind { get; set; }
}

/// <summary>A person who signs in. Passwords are stored only as ASP.NET Core Identity hashes.</summary>
public sealed class Account
{
    public required Guid Id { get; init; }

    public required string UserName { get; init; }

    public required string DisplayName { get; set; }

    public required string Role { get; set; }

    public required Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; init; }

    /// <summary>Hub codes this person works for; "*" means every hub.</summary>
    public List<string> Hubs { get; set; } = [];

    public string? PasswordHash { get; set; }

    /// <summary>Subject from the OpenID Connect provider when the account signs in there.</summary>
    public string? ExternalSubject { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Set for generated one-time passwords: the UI asks for a new one at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>Changes when the password, role or hubs change, so that older sign-in cookies stop working.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>Who made the account (a person, "cli:…" or "seed"); the approver must be someone else.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The supervisor who approved an account whose role sees cargo (<see cref="Roles.NeedsApproval"/>).</summary>
    public string? ApprovedBy { get; set; }

    public DateTime? ApprovedAt { get; set; }

    /// <summary>Wrong passwords or codes since the last successful sign-in.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Sign-in is refused until then (growing with <see cref="FailedSignIns"/>); an administrator may unlock earlier.</summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>The TOTP secret, protected with ASP.NET Core data protection; null when no second factor is set up.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>The last TOTP time step accepted, so a code cannot be used twice.</summary>
    public long? TotpLastStep { get; set; }

    /// <summary>Whether the account may be used: no approval needed for its role, or approved.</summary>
    public bool IsApproved => !Roles.NeedsApproval(Role) || ApprovedAt is not null;
}

/// <summary>
/// A bearer token for a system (terminal, carrier, scanner, partner agency). Only a SHA-256 hash of
/// the secret is stored; the secret is shown once when the token is made.
/// </summary>
public sealed class ApiToken
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required Guid OrganisationId { get; init; }

    public Organisation? Organisation { get; init; }

    /// <summary>The role the system acts in (terminal-partner, partner-agency, scan-analyst…).</summary>
    public required string Role { get; init; }

    /// <summary>What the token may do, e.g. "ingest", "orders:read", "scans:write".</summary>
    public required List<string> Scopes { get; init; }

    public List<string> Hubs { get; init; } = [];

    /// <summary>First characters of the token, so that people can tell tokens apart without the secret.</summary>
    public required string Prefix { get; init; }

    public required string SecretHash { get; init; }

    public required DateTime CreatedAt { get; init; }

    public DateTime? ExpiresAt { get; init; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Who made the token; the approver must be someone else.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The supervisor who approved a token whose role sees cargo (<see cref="Roles.NeedsApproval"/>).</summary>
    public string? ApprovedBy { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public bool IsApproved => !Roles.NeedsApproval(Role) || ApprovedAt is not null;
}
