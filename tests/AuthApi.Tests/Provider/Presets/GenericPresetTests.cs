using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = generic</c> against a standards-following provider's published document (a ZITADEL instance): its ID tokens
/// name two audiences (the client and its project) with <c>azp</c>, refresh tokens for <c>offline_access</c>, rotated.
/// </summary>
public sealed class GenericPresetTests
{
    private const string Instance = "https://acme-x4k2pq.zitadel.cloud";
    private const string Scope = "openid profile email offline_access";

    private static readonly Grant ZitadelUser = new()
    {
        Subject = "245891713947223621",
        AccessToken = "hO3pWn1cBz_y" + Guid.NewGuid().ToString("N"),
        RefreshToken = "Ws2kd9V0_" + Guid.NewGuid().ToString("N"),
        ExpiresIn = 43199,
        Claims = new()
        {
            ["aud"] = new[] { TestProvider.ClientId, "245891519235893317" },
            ["azp"] = TestProvider.ClientId,
            ["client_id"] = TestProvider.ClientId,
            ["amr"] = new[] { "pwd" },
            ["auth_time"] = 1700000000,
            ["sid"] = "V1_245891985342125893",
            ["name"] = "Ada Lovelace",
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
            ["locale"] = "en",
            ["preferred_username"] = "ada@acme.example.com",
            ["email"] = "ada@example.com",
            ["email_verified"] = true,
            ["updated_at"] = 1699990000,
        },
    };

    [Fact]
    public async Task AUserOfAGenericProviderLogsInRefreshesAndLogsOutAtItsEndSessionEndpointWithTheRotatedRefreshTokenRevoked()
    {
        await using var zitadel = ProviderReplica.Start("generic", ProviderKinds.Generic, name: "zitadel",
            configure: settings => settings["Auth:Providers:zitadel:Scope"] = Scope); // ZITADEL grants refresh tokens for offline_access
        var browser = zitadel.App.CreateBrowser();

        var authorizationUrl = await zitadel.LoginAsync(browser, ZitadelUser);

        zitadel.AssertAuthorizationUrl(authorizationUrl, Scope);
        Assert.Equal(zitadel.Url(Instance + "/oauth/v2/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal("zitadel", me.GetProperty("provider").GetString());
        Assert.Equal("ada@acme.example.com", me.GetProperty("claims").GetProperty("preferred_username").GetString());
        Assert.Equal(1, zitadel.Provider.RequestsTo("/oidc/v1/userinfo"));

        zitadel.AssertOneRefreshGrant(ZitadelUser, await zitadel.RefreshAfterAsync(browser, TimeSpan.FromSeconds(43199)));

        var idToken = await ProviderReplica.IdTokenAsync(browser);
        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), zitadel.Url(Instance + "/oidc/v1/end_session"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["post_logout_redirect_uri"] = AuthApiFactory.RedirectUri,
            ["id_token_hint"] = idToken,
        });
        var revoked = Assert.Single(zitadel.Provider.RevokedTokens);
        Assert.NotEqual(ZitadelUser.RefreshToken, revoked);
    }
}
