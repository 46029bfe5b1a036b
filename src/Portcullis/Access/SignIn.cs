using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Portcullis.Access;

/// <summary>Cookie sign-in, sign-out and password change for the web UI (HTML form posts).</summary>
public static class SignIn
{
    // Properties, not a positional record: form binding then leaves out fields a client did not send
    // (the code field is new and optional) instead of refusing the whole form.
    public sealed class SignInForm
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }

        public string? Code { get; set; }
    }

    public sealed record PasswordForm(string? NewPassword, string? Repeat);

    public sealed class SecondFactorForm
    {
        public string? Enrolment { get; set; }

        public string? Code { get; set; }
    }

    internal static async Task<IResult> HandleSignInAsync([FromForm] SignInForm form, HttpContext context, Accounts accounts, SecondFactor secondFactor, CancellationToken cancellationToken)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password) || form.UserName.Length > 100 || form.Password.Length > 200)
        {
            return Results.LocalRedirect($"/signin?error=missing&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var from = context.Connection.RemoteIpAddress?.ToString() ?? "unknown address";
        var outcome = await accounts.SignInAsync(form.UserName, form.Password, form.Code, secondFactor, from, cancellationToken);
        switch (outcome.Verdict)
        {
            case SignInVerdict.Success:
                var account = outcome.Account!;
                await SignInAsync(context, account, secondFactor);
                return Results.LocalRedirect(account.MustChangePassword ? "/account/password" : MustEnrol(account, secondFactor) ? "/account/second-factor" : returnUrl);
            case SignInVerdict.AwaitingApproval:
                return Results.LocalRedirect($"/signin?error=approval&returnUrl={Uri.EscapeDataString(returnUrl)}");
            default:
                // One message for unknown user, wrong password or code, disabled and locked account: no account probing.
                return Results.LocalRedirect($"/signin?error=invalid&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
    }

    internal static async Task<IResult> HandleSignOutAsync(HttpContext context)
    {
        // The antiforgery middleware only records its verdict; an endpoint without a form to bind must read it.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return Results.Problem("The sign-out form's antiforgery token is missing or invalid; sign out with the button on a Portcullis page.", statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused.");
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/signin");
    }

    internal static async Task<IResult> HandlePasswordAsync([FromForm] PasswordForm form, HttpContext context, Accounts accounts, SecondFactor secondFactor, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        if (user is null || user.IsSystem)
        {
            return Results.Forbid();
        }

        if (form.NewPassword is null || form.NewPassword != form.Repeat)
        {
            return Results.LocalRedirect("/account/password?error=mismatch");
        }

        try
        {
            await accounts.ChangePasswordAsync(user.Id, form.NewPassword, cancellationToken);
        }
        catch (PasswordRuleException ex)
        {
            // A code, not the sentence: the page must not show text a link could carry in.
            var code = ex.Fault switch
            {
                PasswordFault.TooShort => "short",
                PasswordFault.TooLong => "long",
                _ => "weak",
            };
            return Results.LocalRedirect("/account/password?error=" + code);
        }

        // The security stamp changed, so sign in again with fresh claims.
        var account = await accounts.GetAsync(user.Id, cancellationToken);
        await SignInAsync(context, account, secondFactor);
        return Results.LocalRedirect(MustEnrol(account, secondFactor) ? "/account/second-factor" : "/");
    }

    /// <summary>Completes setting up a second factor: the first right code from the new secret stores it.</summary>
    internal static async Task<IResult> HandleSecondFactorAsync([FromForm] SecondFactorForm form, HttpContext context, Accounts accounts, SecondFactor secondFactor, TimeProvider clock, Storage.PortcullisDb db, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        if (user is null || user.IsSystem)
        {
            return Results.Forbid();
        }

        var account = await accounts.GetAsync(user.Id, cancellationToken);
        if (form.Enrolment is null || !secondFactor.Complete(account, form.Enrolment, form.Code))
        {
            return Results.LocalRedirect("/account/second-factor?error=code");
        }

        Audit.AuditLog.Record(db, clock, user, "access.second-factor.enrol", "account " + account.UserName, "TOTP");
        await SignInAsync(context, account, secondFactor);
        return Results.LocalRedirect("/");
    }

    private static bool MustEnrol(Account account, SecondFactor secondFactor) => account.TotpSecret is null && secondFactor.IsRequiredFor(account.Role);

    private static Task SignInAsync(HttpContext context, Account account, SecondFactor secondFactor) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(CurrentUser.IdentityFor(account, CookieAuthenticationDefaults.AuthenticationScheme, MustEnrol(account, secondFactor))));

    // Only local paths: an open redirect after sign-in is a phishing aid.
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
