using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portcullis.Hosting;

/// <summary>Describes the two ways in: a bearer token for systems, the sign-in cookie for people.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Portcullis API";
        document.Info.Description = "Customs risk targeting and interdiction. Systems authenticate with a bearer token (Authorization: Bearer pcl_…); people with the sign-in cookie. Errors are RFC 9457 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token made with 'portcullis tokens add' or POST /api/v1/tokens.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}

/// <summary>Says on each operation which token scope it needs (or that it is for people only), from the endpoint's own declaration.</summary>
internal sealed class OpenApiTokenScope : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<Access.EndpointScope>().FirstOrDefault();
        var text = declared?.Access switch
        {
            Access.TokenAccess.Scope when declared.Scopes.Count > 1 => $"Tokens need one of the scopes {string.Join(" or ", declared.Scopes.Select(s => $"`{s}`"))} (and a role that may call it).",
            Access.TokenAccess.Scope => $"Tokens need the scope `{declared.Scope}` (and a role that may call it).",
            Access.TokenAccess.AnyToken => "Any valid token may call it.",
            Access.TokenAccess.Signed => "Authenticated by the body's signature, not by a token or cookie.",
            _ => "People only: no token may call it.",
        };
        operation.Description = string.IsNullOrEmpty(operation.Description) ? text : operation.Description + " " + text;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-token-scope"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(declared?.ToString() ?? "PeopleOnly"));
        return Task.CompletedTask;
    }
}
