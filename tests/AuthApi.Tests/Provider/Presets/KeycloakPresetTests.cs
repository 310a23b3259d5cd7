using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = keycloak</c> against a Keycloak realm's published document (<c>/realms/demo</c>): it promises RFC 9207's
/// <c>iss</c> in the authorization response (sent with <c>session_state</c>), access tokens live five minutes, and every
/// refresh rotates the refresh token.
/// </summary>
public sealed class KeycloakPresetTests
{
    private const string Realm = "https://sso.example.org/realms/demo";

    private static readonly Grant KeycloakUser = new()
    {
        Subject = "f3a9c1e2-7b4d-4e8a-9c0f-1d2e3f4a5b6c",
        AccessToken = "eyJhbGciOiJSUzI1NiIsInR5cCIgOiAiSldUIiwia2lkIiA6ICJ" + Guid.NewGuid().ToString("N"),
        RefreshToken = "eyJhbGciOiJIUzUxMiIsInR5cCIgOiAiSldUIiwia2lkIiA6ICI" + Guid.NewGuid().ToString("N"),
        ExpiresIn = 300,
        Claims = new()
        {
            ["auth_time"] = 1700000000,
            ["jti"] = "onrtac:8d2f7c1a-5b3e-4a9f-8c7d-6e5f4a3b2c1d",
            ["typ"] = "ID",
            ["azp"] = TestProvider.ClientId,
            ["sid"] = "0b6f1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d",
            ["acr"] = "1",
            ["email_verified"] = true,
            ["name"] = "Ada Lovelace",
            ["preferred_username"] = "ada",
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
            ["email"] = "ada@example.org",
        },
        UserInfo = new()
        {
            ["sub"] = "f3a9c1e2-7b4d-4e8a-9c0f-1d2e3f4a5b6c",
            ["email_verified"] = true,
            ["name"] = "Ada Lovelace",
            ["preferred_username"] = "ada",
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
            ["email"] = "ada@example.org",
        },
        TokenResponseMembers = new()
        {
            ["refresh_expires_in"] = 1800,
            ["not-before-policy"] = 0,
            ["session_state"] = "0b6f1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d",
            ["scope"] = "openid profile email",
        },
    };

    [Fact]
    public async Task AKeycloakUserComesBackWithIssLogsInRefreshesAndLogsOutAtTheRealmsLogoutWithTheRotatedRefreshTokenRevoked()
    {
        await using var keycloak = ProviderReplica.Start("keycloak", ProviderKinds.Keycloak);
        var browser = keycloak.App.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        var iss = Uri.EscapeDataString(keycloak.Issuer);

        var callback = await keycloak.App.CompleteLoginAsync(browser, authorizationUrl, KeycloakUser,
            extraQuery: $"&session_state=0b6f1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d&iss={iss}");

        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        Assert.Equal(keycloak.Url(Realm), keycloak.Issuer);
        keycloak.AssertAuthorizationUrl(authorizationUrl, "openid profile email");
        Assert.Equal(keycloak.Url(Realm + "/protocol/openid-connect/auth"), authorizationUrl.GetLeftPart(UriPartial.Path));
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal("ada", me.GetProperty("claims").GetProperty("preferred_username").GetString());
        Assert.Equal("1", me.GetProperty("claims").GetProperty("acr").GetString());

        keycloak.AssertOneRefreshGrant(KeycloakUser, await keycloak.RefreshAfterAsync(browser, TimeSpan.FromMinutes(5)));

        var idToken = await ProviderReplica.IdTokenAsync(browser);
        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), keycloak.Url(Realm + "/protocol/openid-connect/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["post_logout_redirect_uri"] = AuthApiFactory.RedirectUri,
            ["id_token_hint"] = idToken,
        });
        var revoked = Assert.Single(keycloak.Provider.RevokedTokens);
        Assert.NotEqual(KeycloakUser.RefreshToken, revoked); // the rotated one, not the spent one
        Assert.Equal(["basic", "basic", "basic"], keycloak.Provider.TokenClientAuthentications);
    }

    [Fact]
    public async Task AKeycloakCallbackWithoutTheIssItPromisesIsRefused()
    {
        await using var keycloak = ProviderReplica.Start("keycloak", ProviderKinds.Keycloak);
        var browser = keycloak.App.CreateBrowser();

        var callback = await keycloak.App.CompleteLoginAsync(browser, await browser.StartLoginAsync(), KeycloakUser);

        CallbackAssert.FailedWith(callback, "issuer_mismatch");
        Assert.Equal(0, keycloak.Provider.RequestsTo("/realms/demo/protocol/openid-connect/token"));
    }
}
