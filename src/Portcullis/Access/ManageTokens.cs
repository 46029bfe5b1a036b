using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Access;

/// <summary>REST: API tokens for systems. Administrators make and revoke them (the secret is returned once); supervisors approve those that see cargo.</summary>
public static class ManageTokens
{
    public sealed record CreateTokenRequest(string Name, string Role, string Organisation, IReadOnlyList<string> Scopes, IReadOnlyList<string> Hubs, int? ValidDays);

    internal static async Task<Ok<IReadOnlyList<ApiTokenSummary>>> ListAsync(ApiTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(cancellationToken));

    internal static async Task<Results<Created<CreatedApiToken>, ProblemHttpResult>> CreateAsync(CreateTokenRequest request, ApiTokens tokens, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var created = await tokens.CreateAsync(new NewApiToken(request.Name, request.Role, request.Organisation, request.Scopes, request.Hubs, request.ValidDays), ManageAccounts.Actor(context), cancellationToken);
            return TypedResults.Created($"/api/v1/tokens/{created.Token.Id}", created);
        }
        catch (AccessRuleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "The token request is not valid.");
        }
    }

    internal static async Task<Results<Ok<ApiTokenSummary>, ProblemHttpResult>> RevokeAsync(Guid id, ApiTokens tokens, HttpContext context, CancellationToken cancellationToken)
    {
        var revoked = await tokens.RevokeAsync(id, ManageAccounts.Actor(context), cancellationToken);
        return revoked is null ? NotFound(id) : TypedResults.Ok(revoked);
    }

    internal static async Task<Results<Ok<ApiTokenSummary>, ProblemHttpResult>> ApproveAsync(Guid id, ApiTokens tokens, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var approved = await tokens.ApproveAsync(id, CurrentUser.From(context.User)!, cancellationToken);
            return approved is null ? NotFound(id) : TypedResults.Ok(approved);
        }
        catch (AccessRuleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Approval refused.");
        }
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"There is no token with id {id}; GET /api/v1/tokens lists them.", statusCode: StatusCodes.Status404NotFound, title: "No such token.");
}
