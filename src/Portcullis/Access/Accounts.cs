using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Hubs;
using Portcullis.Hosting;
using Portcullis.Storage;

namespace Portcullis.Access;

public sealed record NewAccount(string UserName, string DisplayName, string Role, string Organisation, IReadOnlyList<string> Hubs, string? Password);

public sealed record AccountSummary(Guid Id, string UserName, string DisplayName, string Role, string Organisation, IReadOnlyList<string> Hubs, bool Disabled, bool MustChangePassword, DateTime CreatedAt,
    string? CreatedBy = null, bool AwaitingApproval = false, string? ApprovedBy = null, DateTime? LockedUntil = null, bool SecondFactor = false);

/// <summary>The result of creating an account: the summary and, when one was generated, the one-time password.</summary>
public sealed record CreatedAccount(AccountSummary Account, string? OneTimePassword);

/// <summary>A rule that an account request broke, phrased for the person who sent it.</summary>
public class AccessRuleException(string message) : Exception(message);

/// <summary>Which password rule a new password broke.</summary>
public enum PasswordFault
{
    TooShort,
    TooLong,
    TooEasy,
}

/// <summary>A password rule broken; <see cref="Fault"/> lets a page say which without parsing the sentence.</summary>
public sealed class PasswordRuleException(PasswordFault fault, string message) : AccessRuleException(message)
{
    public PasswordFault Fault { get; } = fault;
}

/// <summary>Who performs an administrative act, as the audit log names them: a signed-in person, or the command line.</summary>
public sealed record AccessActor(string Name, Guid? OrganisationId)
{
    public static AccessActor Of(CurrentUser user) => new(user.Name, user.OrganisationId);
}

/// <summary>How a sign-in attempt ended. Only <see cref="Success"/> signs in; the form tells the others apart only where the password was right.</summary>
public enum SignInVerdict
{
    Success,
    Invalid,
    Locked,
    AwaitingApproval,
}

public sealed record SignInOutcome(SignInVerdict Verdict, Account? Account);

/// <summary>Account use cases shared by the CLI, the API and the UI: one place for the rules. Every change is audited.</summary>
public sealed class Accounts(PortcullisDb db, TimeProvider clock)
{
    private static readonly PasswordHasher<Account> Hasher = new();

    public const int MinimumPasswordLength = 12;

    /// <summary>zxcvbn's score (0–4) a password must reach: 3 = "safely unguessable" against an offline slow-hash attack.</summary>
    public const int MinimumPasswordScore = 3;

    /// <summary>Wrong attempts that cost nothing; from the next one on, each locks the account for twice as long as the last.</summary>
    public const int FreeFailures = 4;

    public static readonly TimeSpan LongestLockout = TimeSpan.FromHours(1);

    /// <summary>
    /// Creates an account, audited as <paramref name="actor"/>'s act. With <paramref name="seeded"/>
    /// (start-up seeding: the first administrator, demo accounts) it is approved by "seed", and the
    /// demo's published password is exempt from the strength rule.
    /// </summary>
    public async Task<CreatedAccount> CreateAsync(NewAccount request, AccessActor actor, CancellationToken cancellationToken, bool seeded = false)
    {
        var userName = (request.UserName ?? "").Trim().ToLowerInvariant();
        if (userName.Length is < 2 or > 100 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            throw new AccessRuleException($"The user name '{Echo.Of(request.UserName)}' is not allowed; use 2 to 100 letters, digits, dots, hyphens, underscores or @.");
        }

        if (request.Role is null || !Roles.IsKnown(request.Role))
        {
            throw new AccessRuleException($"The role '{Echo.Of(request.Role)}' does not exist; choose one of {string.Join(", ", Roles.All)}.");
        }

        if (request.DisplayName is { Length: > 200 })
        {
            throw new AccessRuleException("The display name is longer than 200 characters; shorten it.");
        }

        var hubs = NormaliseHubs(request.Hubs ?? []);
        if (await db.Accounts.AnyAsync(a => a.UserName == userName, cancellationToken))
        {
            throw new AccessRuleException($"An account named '{userName}' exists already; choose another user name.");
        }

        var organisation = await FindOrCreateOrganisationAsync(request.Organisation ?? "", request.Role, cancellationToken);
        var oneTime = request.Password is null ? GeneratePassword() : null;
        var password = request.Password ?? oneTime!;
        if (!seeded)
        {
            CheckPasswordStrength(password, userName);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var account = new Account
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim(),
            Role = request.Role,
            OrganisationId = organisation.Id,
            Hubs = hubs,
            MustChangePassword = oneTime is not null,
            CreatedAt = now,
            SecurityStamp = NewStamp(),
            CreatedBy = actor.Name,
            ApprovedBy = seeded && Roles.NeedsApproval(request.Role) ? actor.Name : null,
            ApprovedAt = seeded && Roles.NeedsApproval(request.Role) ? now : null,
        };
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.Accounts.Add(account);
        Audit.AuditLog.Record(db, clock, actor.Name, actor.OrganisationId, "access.account.create", Subject(userName),
            $"role {account.Role}, organisation {organisation.Name}, hubs {string.Join(",", hubs)}"
            + (oneTime is not null ? "; one-time password issued" : "")
            + (account.IsApproved ? "" : "; awaiting a supervisor's approval"));
        return new CreatedAccount(Summarise(account, organisation.Name), oneTime);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Accounts.AsNoTracking().Include(a => a.Organisation).OrderBy(a => a.UserName).ToListAsync(cancellationToken);
        return [.. rows.Select(a => Summarise(a, a.Organisation!.Name))];
    }

    public async Task<AccountSummary> DisableAsync(string userName, AccessActor actor, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken);
        account.Disabled = true;
        account.SecurityStamp = NewStamp();
        Audit.AuditLog.Record(db, clock, actor.Name, actor.OrganisationId, "access.account.disable", Subject(account.UserName));
        return Summarise(account, account.Organisation!.Name);
    }

    /// <summary>Four eyes: a supervisor other than the one who made the account (and not the account itself) lets it work.</summary>
    public async Task<AccountSummary> ApproveAsync(string userName, CurrentUser approver, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken);
        CheckApprover(approver, account.CreatedBy, account.UserName, $"the account {account.UserName}");
        if (account.IsApproved)
        {
            throw new AccessRuleException($"The account {account.UserName} needs no approval (any more); nothing was changed.");
        }

        account.ApprovedBy = approver.Name;
        account.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        Audit.AuditLog.Record(db, clock, approver, "access.account.approve", Subject(account.UserName), $"role {account.Role}, made by {account.CreatedBy}");
        return Summarise(account, account.Organisation!.Name);
    }

    /// <summary>
    /// The first supervisor of an installation: with no approved supervisor to ask, the machine's
    /// operator (the command line, which holds the database's credentials anyway) approves them.
    /// Refused as soon as an approved supervisor exists: from then on four eyes apply.
    /// </summary>
    public async Task<AccountSummary> ApproveFirstSupervisorAsync(string userName, AccessActor operatorActor, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken);
        if (await db.Accounts.AnyAsync(a => a.Role == Roles.Supervisor && a.ApprovedAt != null && !a.Disabled, cancellationToken))
        {
            throw new AccessRuleException("An approved supervisor exists already; a supervisor approves accounts in the web UI (Approvals) or with POST /api/v1/accounts/{name}/approve.");
        }

        if (account.Role != Roles.Supervisor || account.IsApproved)
        {
            throw new AccessRuleException($"The command line approves only the first supervisor of an installation, and {account.UserName} is a {account.Role}{(account.IsApproved ? " already approved" : "")}; let that supervisor approve the others.");
        }

        account.ApprovedBy = operatorActor.Name;
        account.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        Audit.AuditLog.Record(db, clock, operatorActor.Name, operatorActor.OrganisationId, "access.account.approve", Subject(account.UserName), "first supervisor of the installation, approved by the machine's operator");
        return Summarise(account, account.Organisation!.Name);
    }

    /// <summary>Ends a lockout before its time, e.g. after the person called the service desk.</summary>
    public async Task<AccountSummary> UnlockAsync(string userName, AccessActor actor, CancellationToken cancellationToken)
    {
        var account = await FindAsync(userName, cancellationToken);
        Audit.AuditLog.Record(db, clock, actor.Name, actor.OrganisationId, "access.account.unlock", Subject(account.UserName), $"after {account.FailedSignIns} failed attempts");
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        return Summarise(account, account.Organisation!.Name);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken) => await db.Accounts.AnyAsync(cancellationToken);

    /// <summary>
    /// A sign-in attempt with password and, when the account has one, a TOTP code. Wrong attempts
    /// count per account (whatever address they come from): after <see cref="FreeFailures"/> each one
    /// locks the account for 1, 2, 4 … minutes, at most <see cref="LongestLockout"/>. While locked the
    /// password is not even checked, so guessing gains nothing. Every attempt on an existing account is audited.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, string? code, SecondFactor secondFactor, string from, CancellationToken cancellationToken)
    {
        var name = userName.Trim().ToLowerInvariant();
        var account = await db.Accounts.Include(a => a.Organisation).SingleOrDefaultAsync(a => a.UserName == name, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (account?.PasswordHash is null || account.Disabled)
        {
            // Hash anyway so that unknown and known user names take the same time.
            Hasher.VerifyHashedPassword(DummyAccount, DummyHash, password);
            Audit.AuditLog.Record(db, clock, Echo.Of(name), null, "access.signin.failed", Subject(name), $"{(account is null ? "unknown user name" : "disabled account")} from {from}");
            return new SignInOutcome(SignInVerdict.Invalid, null);
        }

        if (account.LockedUntil > now)
        {
            Audit.AuditLog.Record(db, clock, account.UserName, account.OrganisationId, "access.signin.failed", Subject(account.UserName), $"locked until {account.LockedUntil:O} from {from}");
            return new SignInOutcome(SignInVerdict.Locked, null);
        }

        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        var codeOk = result != PasswordVerificationResult.Failed && (account.TotpSecret is null || secondFactor.Verify(account, code));
        if (!codeOk)
        {
            account.FailedSignIns++;
            var reason = result == PasswordVerificationResult.Failed ? "wrong password" : "wrong or missing second-factor code";
            Audit.AuditLog.Record(db, clock, account.UserName, account.OrganisationId, "access.signin.failed", Subject(account.UserName), $"{reason} ({account.FailedSignIns} in a row) from {from}");
            if (account.FailedSignIns > FreeFailures)
            {
                var minutes = Math.Min(Math.Pow(2, account.FailedSignIns - FreeFailures - 1), LongestLockout.TotalMinutes);
                account.LockedUntil = now.AddMinutes(minutes);
                Audit.AuditLog.Record(db, clock, "portcullis", null, "access.account.lockout", Subject(account.UserName), $"locked for {minutes:0} min after {account.FailedSignIns} failed attempts");
            }

            return new SignInOutcome(SignInVerdict.Invalid, null);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Staged: the sign-in's unit of work stores the stronger hash.
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        account.FailedSignIns = 0;
        account.LockedUntil = null;
        if (!account.IsApproved)
        {
            Audit.AuditLog.Record(db, clock, account.UserName, account.OrganisationId, "access.signin.failed", Subject(account.UserName), $"awaiting a supervisor's approval, from {from}");
            return new SignInOutcome(SignInVerdict.AwaitingApproval, null);
        }

        Audit.AuditLog.Record(db, clock, account.UserName, account.OrganisationId, "access.signin", Subject(account.UserName), $"password{(account.TotpSecret is null ? "" : " and TOTP")} from {from}");
        return new SignInOutcome(SignInVerdict.Success, account);
    }

    /// <summary>The account of a signed-in person, fresh from the database (for new claims after a change).</summary>
    public async Task<Account> GetAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.Accounts.Include(a => a.Organisation).SingleAsync(a => a.Id == accountId, cancellationToken);

    public async Task ChangePasswordAsync(Guid accountId, string newPassword, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        CheckPasswordStrength(newPassword, account.UserName);
        account.PasswordHash = Hasher.HashPassword(account, newPassword);
        var wasOneTime = account.MustChangePassword;
        account.MustChangePassword = false;
        account.SecurityStamp = NewStamp();
        Audit.AuditLog.Record(db, clock, account.UserName, account.OrganisationId, "access.password.change", Subject(account.UserName), wasOneTime ? "replaced the one-time password" : "");
    }

    public async Task<Organisation> FindOrCreateOrganisationAsync(string name, string role, CancellationToken cancellationToken)
    {
        var trimmed = string.IsNullOrWhiteSpace(name) ? "Douane" : name.Trim();
        // One unit of work may create several accounts of a new organisation: look at what it staged too.
        var existing = db.Organisations.Local.FirstOrDefault(o => o.Name == trimmed)
            ?? await db.Organisations.SingleOrDefaultAsync(o => o.Name == trimmed, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Name = trimmed,
            Kind = role switch
            {
                Roles.TerminalPartner => OrganisationKind.Terminal,
                Roles.PartnerAgency => OrganisationKind.Police,
                _ => OrganisationKind.Customs,
            },
        };
        db.Organisations.Add(organisation);
        return organisation;
    }

    internal static List<string> NormaliseHubs(IReadOnlyList<string> hubs)
    {
        var result = new List<string>();
        foreach (var raw in hubs.Where(h => h is not null).SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (raw == "*")
            {
                return ["*"];
            }

            var hub = HubCatalogue.Find(raw)
                ?? throw new AccessRuleException($"The hub '{raw}' does not exist; choose from {string.Join(", ", HubCatalogue.Codes)} or * for all.");
            if (!result.Contains(hub.Code))
            {
                result.Add(hub.Code);
            }
        }

        return result.Count > 0 ? result : throw new AccessRuleException("An account needs at least one hub; give --hubs RTM (or several, or * for all).");
    }

    /// <summary>
    /// Length, then zxcvbn's estimate (which knows the common-password lists, keyboard walks,
    /// repeats, dates and l33t spellings), then the person's own name: "aaaaaaaaaaaa" and
    /// "password1234" fail. No list of our own: zxcvbn's are larger and maintained.
    /// </summary>
    public static void CheckPasswordStrength(string password, string userName)
    {
        if (password.Length < MinimumPasswordLength)
        {
            throw new PasswordRuleException(PasswordFault.TooShort, $"The password is too short; use at least {MinimumPasswordLength} characters.");
        }

        if (password.Length > 200)
        {
            throw new PasswordRuleException(PasswordFault.TooLong, "The password is longer than 200 characters; use a shorter one.");
        }

        var estimate = Zxcvbn.Zxcvbn.MatchPassword(password, [userName, "portcullis", "douane", "customs"]);
        if (estimate.Score < MinimumPasswordScore)
        {
            var matches = estimate.MatchSequence ?? [];
            var hint = matches.OfType<Zxcvbn.Matcher.DictionaryMatch>().Any(m => m.DictionaryName == "passwords") ? "it is built on a common password; "
                : matches.Any(m => m is Zxcvbn.Matcher.RepeatMatch) ? "it repeats characters; "
                : matches.Any(m => m is Zxcvbn.Matcher.SequenceMatch or Zxcvbn.Matcher.SpatialMatch) ? "it follows a sequence or keyboard pattern; "
                : "";
            throw new PasswordRuleException(PasswordFault.TooEasy, $"The password is too easy to guess ({hint}strength {estimate.Score} of 4, at least {MinimumPasswordScore} needed); use a longer passphrase of unrelated words.");
        }
    }

    /// <summary>A random password of 20 characters from an alphabet without look-alike characters.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static AccountSummary Summarise(Account a, string organisation) =>
        new(a.Id, a.UserName, a.DisplayName, a.Role, organisation, a.Hubs, a.Disabled, a.MustChangePassword, a.CreatedAt, a.CreatedBy, !a.IsApproved, a.ApprovedBy, a.LockedUntil, a.TotpSecret is not null);

    private static string Subject(string userName) => "account " + Echo.Of(userName);

    private async Task<Account> FindAsync(string userName, CancellationToken cancellationToken) =>
        await db.Accounts.Include(a => a.Organisation).SingleOrDefaultAsync(a => a.UserName == userName.ToLowerInvariant(), cancellationToken)
            ?? throw new AccessRuleException($"There is no account named '{Echo.Of(userName)}'; 'portcullis users list' shows the accounts.");

    /// <summary>Four eyes: a person with the supervisor role, not the maker and not the subject.</summary>
    internal static void CheckApprover(CurrentUser approver, string? createdBy, string? subjectUser, string what)
    {
        if (approver.IsSystem || approver.Role != Roles.Supervisor)
        {
            throw new AccessRuleException($"Only a supervisor may approve {what}; ask one.");
        }

        if (string.Equals(approver.Name, createdBy, StringComparison.OrdinalIgnoreCase) || string.Equals(approver.Name, subjectUser, StringComparison.OrdinalIgnoreCase))
        {
            throw new AccessRuleException($"You made {what} or it is yours; a second supervisor must approve it.");
        }
    }

    private static readonly Account DummyAccount = new()
    {
        Id = Guid.Empty,
        UserName = "",
        DisplayName = "",
        Role = Roles.Auditor,
        OrganisationId = Guid.Empty,
        CreatedAt = DateTime.UnixEpoch,
        SecurityStamp = "",
    };

    private static readonly string DummyHash = Hasher.HashPassword(DummyAccount, GeneratePassword());
}
