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
