using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portcullis.Domain.Hubs;
using Portcullis.Storage;

namespace Portcullis.Access;

public sealed record NewAccount(string UserName, string DisplayName, string Role, string Organisation, IReadOnlyList<string> Hubs, string? Password);

public sealed record AccountSummary(Guid Id, string UserName, string DisplayName, string Role, string Organisation, IReadOnlyList<string> Hubs, bool Disabled, bool MustChangePassword, DateTime CreatedAt);

/// <summary>The result of creating an account: the summary and, when one was generated, the one-time password.</summary>
public sealed record CreatedAccount(AccountSummary Account, string? OneTimePassword);

/// <summary>A rule that an account request broke, phrased for the person who sent it.</summary>
public sealed class AccessRuleException(string message) : Exception(message);

/// <summary>Account use cases shared by the CLI, the API and the UI: one place for the rules.</summary>
public sealed class Accounts(PortcullisDb db, TimeProvider clock)
{
    private static readonly PasswordHasher<Account> Hasher = new();

    public const int MinimumPasswordLength = 12;

    public async Task<CreatedAccount> CreateAsync(NewAccount request, CancellationToken cancellationToken)
    {
        var userName = request.UserName.Trim().ToLowerInvariant();
        if (userName.Length is < 2 or > 100 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            throw new AccessRuleException($"The user name '{request.UserName}' is not allowed; use 2 to 100 letters, digits, dots, hyphens, underscores or @.");
        }

        if (!Roles.IsKnown(request.Role))
        {
            throw new AccessRuleException($"The role '{request.Role}' does not exist; choose one of {string.Join(", ", Roles.All)}.");
        }

        var hubs = NormaliseHubs(request.Hubs);
        if (await db.Accounts.AnyAsync(a => a.UserName == userName, cancellationToken))
        {
            throw new AccessRuleException($"An account named '{userName}' exists already; choose another user name.");
        }

        var organisation = await FindOrCreateOrganisationAsync(request.Organisation, request.Role, cancellationToken);
        var oneTime = request.Password is null ? GeneratePassword() : null;
        var password = request.Password ?? oneTime!;
        CheckPasswordStrength(password);

        var account = new Account
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim(),
            Role = request.Role,
            OrganisationId = organisation.Id,
            Hubs = hubs,
            MustChangePassword = oneTime is not null,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            SecurityStamp = NewStamp(),
        };
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.Accounts.Add(account);
        return new CreatedAccount(Summarise(account, organisation.Name), oneTime);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Accounts.AsNoTracking().Include(a => a.Organisation).OrderBy(a => a.UserName).ToListAsync(cancellationToken);
        return [.. rows.Select(a => Summarise(a, a.Organisation!.Name))];
    }

    public async Task<AccountSummary> DisableAsync(string userName, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Include(a => a.Organisation).SingleOrDefaultAsync(a => a.UserName == userName.ToLowerInvariant(), cancellationToken)
            ?? throw new AccessRuleException($"There is no account named '{userName}'; 'portcullis users list' shows the accounts.");
        account.Disabled = true;
        account.SecurityStamp = NewStamp();
        return Summarise(account, account.Organisation!.Name);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken) => await db.Accounts.AnyAsync(cancellationToken);

    /// <summary>Checks a password. Returns the account only when it exists, is enabled and the password matches.</summary>
    public async Task<Account?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var name = userName.Trim().ToLowerInvariant();
        var account = await db.Accounts.Include(a => a.Organisation).SingleOrDefaultAsync(a => a.UserName == name, cancellationToken);
        if (account?.PasswordHash is null || account.Disabled)
        {
            // Hash anyway so that unknown and known user names take the same time.
            Hasher.VerifyHashedPassword(DummyAccount, DummyHash, password);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Staged: the sign-in's unit of work stores the stronger hash.
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        return account;
    }

    public async Task ChangePasswordAsync(Guid accountId, string newPassword, CancellationToken cancellationToken)
    {
        CheckPasswordStrength(newPassword);
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        account.PasswordHash = Hasher.HashPassword(account, newPassword);
        account.MustChangePassword = false;
        account.SecurityStamp = NewStamp();
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
        foreach (var raw in hubs.SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
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

    internal static void CheckPasswordStrength(string password)
    {
        if (password.Length < MinimumPasswordLength)
        {
            throw new AccessRuleException($"The password is too short; use at least {MinimumPasswordLength} characters.");
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
        new(a.Id, a.UserName, a.DisplayName, a.Role, organisation, a.Hubs, a.Disabled, a.MustChangePassword, a.CreatedAt);

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
