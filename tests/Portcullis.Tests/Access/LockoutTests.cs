using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Access;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

/// <summary>Finding 10: per-account throttling with a growing delay, on a clock the test moves.</summary>
[Trait("Category", "security")]
public sealed class LockoutTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Each_failure_after_the_free_ones_locks_twice_as_long_and_the_right_password_waits_for_the_end()
    {
        var database = await TestDatabases.CreateWithDemoAccountsAsync(Provider.Sqlite);
        var secondFactor = new SecondFactor(_clock, new EphemeralDataProtectionProvider(), new ConfigurationBuilder().Build());

        async Task<SignInVerdict> TryAsync(string password)
        {
            await using var db = database.CreateContext();
            var outcome = await new Accounts(db, _clock).SignInAsync("inspector", password, null, secondFactor, "test", CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            return outcome.Verdict;
        }

        for (var i = 0; i < Accounts.FreeFailures; i++)
        {
            Assert.Equal(SignInVerdict.Invalid, await TryAsync("wrong-password"));
        }

        // Not locked yet: the right password still works and resets the count.
        Assert.Equal(SignInVerdict.Success, await TryAsync(InitialAccounts.DemoPassword));
        for (var i = 0; i <= Accounts.FreeFailures; i++)
        {
            Assert.Equal(SignInVerdict.Invalid, await TryAsync("wrong-password"));
        }

        // Failure 5: locked for 1 minute; the right password is not even checked.
        Assert.Equal(SignInVerdict.Locked, await TryAsync(InitialAccounts.DemoPassword));
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(SignInVerdict.Invalid, await TryAsync("wrong-password"));

        // Failure 6: 2 minutes; one minute later still locked, two minutes later open.
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(SignInVerdict.Locked, await TryAsync(InitialAccounts.DemoPassword));
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(SignInVerdict.Invalid, await TryAsync("wrong-password"));

        // Failure 7: 4 minutes.
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(SignInVerdict.Locked, await TryAsync(InitialAccounts.DemoPassword));
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInVerdict.Success, await TryAsync(InitialAccounts.DemoPassword));
    }

    [Fact]
    public async Task The_lockout_never_exceeds_an_hour()
    {
        var database = await TestDatabases.CreateWithDemoAccountsAsync(Provider.Sqlite);
        var secondFactor = new SecondFactor(_clock, new EphemeralDataProtectionProvider(), new ConfigurationBuilder().Build());
        for (var i = 0; i < 40; i++)
        {
            await using var db = database.CreateContext();
            await new Accounts(db, _clock).SignInAsync("auditor", "wrong-password", null, secondFactor, "test", CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            // Wait out each lockout so that every attempt is a counted failure.
            _clock.Advance(Accounts.LongestLockout + TimeSpan.FromSeconds(1));
        }

        await using var check = database.CreateContext();
        var account = check.Accounts.Single(a => a.UserName == "auditor");
        Assert.Equal(40, account.FailedSignIns);
        Assert.True(account.LockedUntil <= _clock.GetUtcNow().UtcDateTime, "The last lockout lasted longer than an hour.");
    }
}
