using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Access;

/// <summary>REST: accounts of people. Administrators only.</summary>
public static class ManageAccounts
{
    public sealed record CreateAccountRequest(string UserName, string? DisplayName, string Role, string Organisation, IReadOnlyList<string> Hubs, string? Password);

    public sealed record CreateAccountResponse(AccountSummary Account, string? OneTimePassword);

    internal static async Task<Ok<IReadOnlyList<AccountSummary>>> ListAsync(Accounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(cancellationToken));

    internal static async Task<Results<Created<CreateAccountResponse>, ProblemHttpResult>> CreateAsync(CreateAccountRequest request, Accounts accounts, CancellationToken cancellationToken)
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

    internal static async Task<Results<Ok<AccountSummary>, ProblemHttpResult>> DisableAsync(string userName, Accounts accounts, CancellationToken cancellationToken)
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
