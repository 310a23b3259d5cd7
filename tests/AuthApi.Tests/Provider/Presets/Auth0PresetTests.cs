using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = auth0</c> against Auth0's published documents: a current tenant's (issuer with a trailing slash,
/// <c>end_session_endpoint</c> <c>/oidc/logout</c>) and an older tenant's without one, whose logout is <c>/v2/logout</c> with
/// <c>client_id</c> and <c>returnTo</c>.
/// </summary>
public sealed class Auth0PresetTests
{
    private static Grant Auth0User() => new()
    {
        Subject = "auth0|64f1c2a9e3b0d1c2f5a6b7c8",
        AccessToken = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwiaXNzIjoi." + Guid.NewGuid().ToString("N") + "..x.y",
        RefreshToken = "v1.MrY2" + Guid.NewGuid().ToString("N"),
        ExpiresIn = 86400,
        Claims = new()
        {
            ["nickname"] = "ada",
            ["name"] = "ada@example.com",
            ["picture"] = "https://s.gravatar.com/avatar/8d7c2e?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fad.png",
            ["updated_at"] = "2024-05-02T09:15:31.250Z",
            ["email"] = "ada@example.com",
            ["email_verified"] = false,
            ["sid"] = "Hx3Dqv6GZ2pS1y7kKq0WnA8u1f7Qx9Yb",
        },
        UserInfo = new()
        {
            ["sub"] = "auth0|64f1c2a9e3b0d1c2f5a6b7c8",
            ["nickname"] = "ada",
            ["name"] = "ada@example.com",
            ["email"] = "ada@example.com",
            ["email_verified"] = false,
        },
        TokenResponseMembers = new() { ["scope"] = "openid profile email offline_access" },
    };

    [Fact]
    public async Task AnAuth0UserOfACurrentTenantLogsInRefreshesAndLogsOutAtOidcLogoutWithTheRefreshTokenRevoked()
    {
        await using var auth0 = ProviderReplica.Start("auth0", ProviderKinds.Auth0);
        var browser = auth0.App.CreateBrowser();
        var user = Auth0User();

        var authorizationUrl = await auth0.LoginAsync(browser, user);

        auth0.AssertAuthorizationUrl(authorizationUrl, "openid profile email offline_access");
        Assert.Equal(auth0.Url("https://dev-k2x7q.us.auth0.com/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        Assert.EndsWith("/", auth0.Issuer, StringComparison.Ordinal);
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal("auth0|64f1c2a9e3b0d1c2f5a6b7c8", me.GetProperty("sub").GetString());
        Assert.False(me.GetProperty("claims").GetProperty("email_verified").GetBoolean());
        Assert.Equal("ada", me.GetProperty("claims").GetProperty("nickname").GetString());

        var refreshed = await auth0.RefreshAfterAsync(browser, TimeSpan.FromDays(1));

        auth0.AssertOneRefreshGrant(user, refreshed);
        var idToken = await ProviderReplica.IdTokenAsync(browser);
        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), auth0.Url("https://dev-k2x7q.us.auth0.com/oidc/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["post_logout_redirect_uri"] = AuthApiFactory.RedirectUri,
            ["id_token_hint"] = idToken,
        });
        Assert.Single(auth0.Provider.RevokedTokens);
        Assert.Equal(1, auth0.Provider.RequestsTo("/oauth/revoke"));
    }

    [Fact]
    public async Task AnAuth0UserOfAnOlderTenantWithoutEndSessionEndpointLogsOutAtV2LogoutWithReturnTo()
    {
        await using var auth0 = ProviderReplica.Start("auth0-older", ProviderKinds.Auth0);
        auth0.Provider.RotateRefreshTokens = false; // no rotation configured on the tenant
        var browser = auth0.App.CreateBrowser();
        var user = Auth0User();

        var authorizationUrl = await auth0.LoginAsync(browser, user);

        auth0.AssertAuthorizationUrl(authorizationUrl, "openid profile email offline_access");
        Assert.Null(auth0.Text("end_session_endpoint"));
        Assert.True((await ProviderReplica.MeAsync(browser)).GetProperty("isLoggedIn").GetBoolean());

        auth0.AssertOneRefreshGrant(user, await auth0.RefreshAfterAsync(browser, TimeSpan.FromDays(1)));

        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), auth0.Url("https://acme-legacy.eu.auth0.com/v2/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["returnTo"] = AuthApiFactory.RedirectUri,
        });
        Assert.Equal([user.RefreshToken!], auth0.Provider.RevokedTokens);
    }
}
