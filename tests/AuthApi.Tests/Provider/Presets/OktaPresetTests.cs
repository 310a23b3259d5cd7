using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = okta</c> against the published document of an Okta org's custom authorization server <c>/oauth2/default</c>:
/// every endpoint under <c>/oauth2/default/v1/</c>, refresh tokens for <c>offline_access</c>, JWT access tokens.
/// </summary>
public sealed class OktaPresetTests
{
    private const string Base = "https://dev-4711.okta.com/oauth2/default";

    private static readonly Grant OktaUser = new()
    {
        Subject = "00u8f3k2lqPZxYz0w5d7",
        ExpiresIn = 3600,
        Claims = new()
        {
            ["ver"] = 1,
            ["jti"] = "ID.4eAWJOCMB3SX8XewDfVR",
            ["amr"] = new[] { "pwd" },
            ["idp"] = "00o8f3jzv1Lm8Nd2q5d7",
            ["auth_time"] = 1700000000,
            ["name"] = "Ada Lovelace",
            ["email"] = "ada@example.com",
            ["preferred_username"] = "ada@example.com",
        },
        UserInfo = new()
        {
            ["sub"] = "00u8f3k2lqPZxYz0w5d7",
            ["name"] = "Ada Lovelace",
            ["locale"] = "en_US",
            ["email"] = "ada@example.com",
            ["preferred_username"] = "ada@example.com",
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
            ["zoneinfo"] = "America/Los_Angeles",
            ["updated_at"] = 1699990000,
            ["email_verified"] = true,
        },
        TokenResponseMembers = new() { ["scope"] = "openid profile email offline_access" },
    };

    [Fact]
    public async Task AnOktaUserLogsInAtTheDefaultServerRefreshesAndLogsOutAtItsLogoutWithTheRefreshTokenRevoked()
    {
        await using var okta = ProviderReplica.Start("okta", ProviderKinds.Okta);
        var browser = okta.App.CreateBrowser();

        var authorizationUrl = await okta.LoginAsync(browser, OktaUser);

        okta.AssertAuthorizationUrl(authorizationUrl, "openid profile email offline_access");
        Assert.Equal(okta.Url(Base + "/v1/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal("00u8f3k2lqPZxYz0w5d7", me.GetProperty("sub").GetString());
        Assert.Equal("ada@example.com", me.GetProperty("claims").GetProperty("preferred_username").GetString());
        Assert.Equal("America/Los_Angeles", me.GetProperty("claims").GetProperty("zoneinfo").GetString()); // from userinfo
        Assert.Equal(1, okta.Provider.RequestsTo("/oauth2/default/v1/userinfo"));

        var refreshed = await okta.RefreshAfterAsync(browser, TimeSpan.FromHours(1));

        okta.AssertOneRefreshGrant(OktaUser, refreshed);
        var idToken = await ProviderReplica.IdTokenAsync(browser);
        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), okta.Url(Base + "/v1/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["post_logout_redirect_uri"] = AuthApiFactory.RedirectUri,
            ["id_token_hint"] = idToken,
        });
        var revoked = Assert.Single(okta.Provider.RevokedTokens);
        Assert.NotEqual(OktaUser.RefreshToken, revoked); // the rotated one, not the spent one
        Assert.Equal(1, okta.Provider.RequestsTo("/oauth2/default/v1/revoke"));
    }
}
