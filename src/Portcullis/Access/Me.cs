using Microsoft.AspNetCore.Http.HttpResults;

namespace Portcullis.Access;

/// <summary>REST: who the caller is, as Portcullis sees it. Any signed-in person or token.</summary>
public static class Me
{
    public sealed record MeResponse(string Name, string Role, string Organisation, IReadOnlyList<string> Hubs, IReadOnlyList<string> Scopes, bool IsSystem);

    internal static Ok<MeResponse> Get(HttpContext context)
    {
        var user = CurrentUser.From(context.User)!;
        return TypedResults.Ok(new MeResponse(user.Name, user.Role, user.OrganisationName, user.Hubs, user.Scopes, user.IsSystem));
    }
}
