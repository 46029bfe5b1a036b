namespace Portcullis.Access;

/// <summary>REST: who the caller is, as Portcullis sees it. Any signed-in person or token.</summary>
public static class Me
{
    public sealed record MeResponse(string Name, string Role, string Organisation, IReadOnlyList<string> Hubs, IReadOnlyList<string> Scopes, bool IsSystem);

    public static void MapAccess(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapSignIn();
        api.MapGet("/me", (HttpContext context) =>
        {
            var user = CurrentUser.From(context.User)!;
            return TypedResults.Ok(new MeResponse(user.Name, user.Role, user.OrganisationName, user.Hubs, user.Scopes, user.IsSystem));
        }).WithTags("Access").WithSummary("The caller's name, role, organisation and hub scope.");
        api.MapManageAccounts();
        api.MapManageTokens();
    }
}
