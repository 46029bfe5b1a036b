using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Portcullis.Access;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Access;

public sealed class OpenIdConnectTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Authentication:Oidc:Authority"] = "https://idp.customs.test/realms/douane",
        ["Authentication:Oidc:ClientId"] = "portcullis",
        ["Authentication:Oidc:ClientSecret"] = "not-a-real-secret",
        ["Authentication:Oidc:DisplayName"] = "Douane SSO",
    };

    [Fact]
    public async Task Configured_provider_adds_a_sign_in_button_and_a_pkce_code_flow_challenge()
    {
        // The provider's metadata is given directly instead of fetched, because tests have no network.
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false, Settings, b =>
            b.Services.PostConfigure<OpenIdConnectOptions>(AccessModule.OidcScheme, o => o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
            {
                Issuer = "https://idp.customs.test/realms/douane",
                AuthorizationEndpoint = "https://idp.customs.test/realms/douane/protocol/openid-connect/auth",
                TokenEndpoint = "https://idp.customs.test/realms/douane/protocol/openid-connect/token",
            })));
        using var client = host.Anonymous();

        Assert.Contains("Sign in with Douane SSO", await client.GetStringAsync("/signin"), StringComparison.Ordinal);

        using var challenge = await client.GetAsync("/account/signin-external");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith("https://idp.customs.test/realms/douane/protocol/openid-connect/auth?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=portcullis", location, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-secret", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configuration_there_is_no_external_sign_in()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, demoAccounts: false);
        using var client = host.Anonymous();
        Assert.DoesNotContain("Sign in with", await client.GetStringAsync("/signin"), StringComparison.Ordinal);
        using var challenge = await client.GetAsync("/account/signin-external");
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }
}
