using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Access;

/// <summary>REST: accounts of people. Administrators only.</summary>
public static class ManageAccounts
{
    public sealed record CreateAccountRequest(string UserName, string? DisplayName, string Role, string Organisation, IReadOnlyList<string> Hubs, string? Password);

    public sealed record CreateAccountResponse(AccountSummary Account, string? OneTimePassword);

    public static void MapManageAccounts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").RequireAuthorization(AccessSetup.Administration).WithTags("Access");
        group.MapGet("/", ListAsync).WithSummary("Lists all accounts (no password material).");
        group.MapPost("/", CreateAsync).WithSummary("Creates an account; without a password a one-time password is generated and returned once.");
        group.MapPost("/{userName}/disable", DisableAsync).WithSummary("Disables an account and ends its sessions.");
    }

    private static async Task<Ok<IReadOnlyList<AccountSummary>>> ListAsync(Accounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(cancellationToken));

    private static async Task<Results<Created<CreateAccountResponse>, ProblemHttpResult>> CreateAsync(CreateAccountRequest request, Accounts accounts, CancellationToken cancellationToken)
    {
        try
        {
            var created = await accounts.CreateAsync(new NewAccount(request.UserName, request.DisplayName ?? "", request.Role, request.Organisation, request.Hubs, request.Password), cancellationToken);
            return TypedResults.Created($"/api/v1/accounts/{created.Account.UserName}", new CreateAccountResponse(created.Account, created.OneTimePassword));
        }
        catch (AccessRuleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "The account request is not valid.");
        }
    }

    private static async Task<Results<Ok<AccountSummary>, ProblemHttpResult>> DisableAsync(string userName, Accounts accounts, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await accounts.DisableAsync(userName, cancellationToken));
        }
        catch (AccessRuleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "No such account.");
        }
    }
}
