using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Access;

/// <summary>REST: what waits for a supervisor's second pair of eyes.</summary>
public static class Approvals
{
    public sealed record Waiting(IReadOnlyList<AccountSummary> Accounts, IReadOnlyList<ApiTokenSummary> Tokens);

    internal static async Task<Ok<Waiting>> ListAsync(Accounts accounts, ApiTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Waiting(
            [.. (await accounts.ListAsync(cancellationToken)).Where(a => a.AwaitingApproval && !a.Disabled)],
            [.. (await tokens.ListAsync(cancellationToken)).Where(t => t.AwaitingApproval && t.RevokedAt is null)]));
}
