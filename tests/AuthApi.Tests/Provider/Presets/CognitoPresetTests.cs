using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = cognito</c> against Amazon Cognito's published user pool documents: the issuer and keys on
/// <c>cognito-idp.{region}.amazonaws.com/{pool}</c>, everything else on the hosted domain
/// <c>{domain}.auth.{region}.amazoncognito.com</c>; a current one with <c>end_session_endpoint</c> and
/// <c>revocation_endpoint</c>, an older one with neither. Cognito's logout takes <c>client_id</c> and <c>logout_uri</c> only,
/// and its userinfo (and a federated user's ID token) carries <c>email_verified</c> as a string.
/// </summary>
public sealed class CognitoPresetTests
{
    private static Grant CognitoUser(string pool, object emailVerified) => new()
    {
        Subject = "94b8d4a8-30a1-70f6-1c1e-9d1e4c3b2a10",
        AccessToken = "eyJraWQiOiJ4Q1p.eyJzdWIiOiI5NGI4ZDRhOC." + Guid.NewGuid().ToString("N"),
        RefreshToken = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ." + Guid.NewGuid().ToString("N"),
        ExpiresIn = 3600,
        Claims = new()
        {
            ["email_verified"] = emailVerified,
            ["cognito:username"] = "google_110169484474386276334",
            ["cognito:groups"] = new[] { pool + "_Google" },
            ["origin_jti"] = "5c1e0c4d-2b3a-4f7e-9a7b-0c1d2e3f4a5b",
            ["event_id"] = "6a2f1b3c-4d5e-4f60-8a1b-2c3d4e5f6a7b",
            ["token_use"] = "id",
            ["auth_time"] = 1700000000,
            ["jti"] = "7b3c2d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d",
            ["email"] = "ada@example.com",
        },
        UserInfo = new()
        {
            ["sub"] = "94b8d4a8-30a1-70f6-1c1e-9d1e4c3b2a10",
            ["email_verified"] = "true",
            ["phone_number_verified"] = "false",
            ["email"] = "ada@example.com",
            ["username"] = "google_110169484474386276334",
        },
    };

    [Fact]
    public async Task ACognitoUserLogsInWithStringEmailVerifiedReadAsTrueRefreshesAndLogsOutAtTheHostedDomainsLogout()
    {
        await using var cognito = ProviderReplica.Start("cognito", ProviderKinds.Cognito);
        cognito.Provider.RotateRefreshTokens = false; // Cognito keeps the refresh token
        var browser = cognito.App.CreateBrowser();
        var user = CognitoUser("eu-west-1_Xq3vT9kLm", emailVerified: "true"); // a federated user's ID token carries the string

        var authorizationUrl = await cognito.LoginAsync(browser, user);

        cognito.AssertAuthorizationUrl(authorizationUrl, "openid profile email");
        Assert.Equal(cognito.Url("https://acme-login.auth.eu-west-1.amazoncognito.com/oauth2/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(cognito.Url("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Xq3vT9kLm"), cognito.Issuer);
        var claims = (await ProviderReplica.MeAsync(browser)).GetProperty("claims");
        Assert.Equal(JsonValueKind.True, claims.GetProperty("email_verified").ValueKind);
        Assert.Equal(JsonValueKind.False, claims.GetProperty("phone_number_verified").ValueKind); // userinfo's "false"
        Assert.Equal("google_110169484474386276334", claims.GetProperty("cognito:username").GetString());
        Assert.Equal(1, cognito.Provider.RequestsTo("/oauth2/userInfo"));

        cognito.AssertOneRefreshGrant(user, await cognito.RefreshAfterAsync(browser, TimeSpan.FromHours(1)));

        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), cognito.Url("https://acme-login.auth.eu-west-1.amazoncognito.com/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["logout_uri"] = AuthApiFactory.RedirectUri,
        });
        Assert.Equal([user.RefreshToken!], cognito.Provider.RevokedTokens);
    }

    [Fact]
    public async Task ACognitoUserOfAnOlderPoolWithoutEndSessionEndpointLogsOutAtTheLogoutOfTheSignInPagesDomain()
    {
        await using var cognito = ProviderReplica.Start("cognito-older", ProviderKinds.Cognito);
        cognito.Provider.RotateRefreshTokens = false;
        var browser = cognito.App.CreateBrowser();
        var user = CognitoUser("us-east-1_BGU9CKFCM", emailVerified: true);

        var authorizationUrl = await cognito.LoginAsync(browser, user);

        cognito.AssertAuthorizationUrl(authorizationUrl, "openid profile email");
        Assert.True((await ProviderReplica.MeAsync(browser)).GetProperty("claims").GetProperty("email_verified").GetBoolean());

        cognito.AssertOneRefreshGrant(user, await cognito.RefreshAfterAsync(browser, TimeSpan.FromHours(1)));

        // On the hosted domain of the authorization endpoint, not on cognito-idp (the issuer's host).
        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), cognito.Url("https://acme-login.auth.us-east-1.amazoncognito.com/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["logout_uri"] = AuthApiFactory.RedirectUri,
        });
        Assert.Empty(cognito.Provider.RevokedTokens);
    }
}
