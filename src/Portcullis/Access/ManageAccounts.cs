using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Access;

/// <summary>REST: accounts of people. Administrators make, disable and unlock them; supervisors approve those that see cargo.</summary>
public static class ManageAccounts
{
    public sealed record CreateAccountRequest(string UserName, string? DisplayName, string Role, string Organisation, IReadOnlyList<string> Hubs, string? Password);

    public sealed record CreateAccountResponse(AccountSummary Account, string? OneTimePassword);

    internal static async Task<Ok<IReadOnlyList<AccountSummary>>> ListAsync(Accounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(cancellationToken));

    internal static async Task<Results<Created<CreateAccountResponse>, ProblemHttpResult>> CreateAsync(CreateAccountRequest request, Accounts accounts, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var created = await accounts.CreateAsync(new NewAccount(request.UserName, request.DisplayName ?? "", request.Role, request.Organisation, request.Hubs, request.Password), Actor(context), cancellationToken);
            return TypedResults.Created($"/api/v1/accounts/{created.Account.UserName}", new CreateAccountResponse(created.Account, created.OneTimePassword));
        }
        catch (AccessRuleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "The account request is not valid.");
        }
    }

    internal static Task<Results<Ok<AccountSummary>, ProblemHttpResult>> DisableAsync(string userName, Accounts accounts, HttpContext context, CancellationToken cancellationToken) =>
        Answer(() => accounts.DisableAsync(userName, Actor(context), cancellationToken));

    internal static Task<Results<Ok<AccountSummary>, ProblemHttpResult>> UnlockAsync(string userName, Accounts accounts, HttpContext context, CancellationToken cancellationToken) =>
        Answer(() => accounts.UnlockAsync(userName, Actor(context), cancellationToken));

    internal static async Task<Results<Ok<AccountSummary>, ProblemHttpResult>> ApproveAsync(string userName, Accounts accounts, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await accounts.ApproveAsync(userName, CurrentUser.From(context.User)!, cancellationToken));
        }
        catch (AccessRuleException ex) when (ex.Message.StartsWith("There is no account", StringComparison.Ordinal))
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "No such account.");
        }
        catch (AccessRuleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Approval refused.");
        }
    }

    internal static AccessActor Actor(HttpContext context) => AccessActor.Of(CurrentUser.From(context.User)!);

    private static async Task<Results<Ok<AccountSummary>, ProblemHttpResult>> Answer(Func<Task<AccountSummary>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (AccessRuleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "No such account.");
        }
    }
}
