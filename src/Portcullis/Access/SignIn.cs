using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Portcullis.Access;

/// <summary>Cookie sign-in, sign-out and password change for the web UI (HTML form posts).</summary>
public static class SignIn
{
    public sealed record SignInForm(string? UserName, string? Password, string? ReturnUrl);

    public sealed record PasswordForm(string? NewPassword, string? Repeat);

    internal static async Task<IResult> HandleSignInAsync([FromForm] SignInForm form, HttpContext context, Accounts accounts, CancellationToken cancellationToken)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
        {
            return Results.LocalRedirect($"/signin?error=missing&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var account = await accounts.VerifyPasswordAsync(form.UserName, form.Password, cancellationToken);
        if (account is null)
        {
            // One message for unknown user, wrong password and disabled account: no account probing.
            return Results.LocalRedirect($"/signin?error=invalid&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var principal = new ClaimsPrincipal(CurrentUser.IdentityFor(account, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.LocalRedirect(account.MustChangePassword ? "/account/password" : returnUrl);
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

    internal static async Task<IResult> HandlePasswordAsync([FromForm] PasswordForm form, HttpContext context, Accounts accounts, CancellationToken cancellationToken)
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
        catch (AccessRuleException)
        {
            return Results.LocalRedirect("/account/password?error=short");
        }

        // The security stamp changed, so sign in again with fresh claims.
        var account = await accounts.VerifyPasswordAsync(user.Name, form.NewPassword, cancellationToken);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(CurrentUser.IdentityFor(account!, CookieAuthenticationDefaults.AuthenticationScheme)));
        return Results.LocalRedirect("/");
    }

    // Only local paths: an open redirect after sign-in is a phishing aid.
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
