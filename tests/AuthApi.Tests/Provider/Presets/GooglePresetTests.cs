using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = google</c> against Google's published document: no end-session endpoint, a revocation endpoint, userinfo on
/// openidconnect.googleapis.com, tokens on oauth2.googleapis.com, keys on www.googleapis.com; refresh tokens for
/// <c>access_type=offline</c> (not <c>offline_access</c>), never rotated.
/// </summary>
public sealed class GooglePresetTests
{
    private static readonly Grant GoogleUser = new()
    {
        Subject = "110169484474386276334",
        AccessToken = "ya29.a0AfB_byC" + Guid.NewGuid().ToString("N"),
        RefreshToken = "1//0gLq" + Guid.NewGuid().ToString("N"),
        ExpiresIn = 3599,
        Claims = new()
        {
            ["azp"] = TestProvider.ClientId,
            ["email"] = "ada@gmail.com",
            ["email_verified"] = true,
            ["name"] = "Ada Lovelace",
            ["picture"] = "https://lh3.googleusercontent.com/a/ACg8ocK",
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
        },
        UserInfo = new()
        {
            ["sub"] = "110169484474386276334",
            ["name"] = "Ada Lovelace",
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
            ["picture"] = "https://lh3.googleusercontent.com/a/ACg8ocK",
            ["email"] = "ada@gmail.com",
            ["email_verified"] = true,
        },
        TokenResponseMembers = new() { ["scope"] = "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile" },
    };

    [Fact]
    public async Task AGoogleUserLogsInRefreshesWithBasicAuthAndLogsOutLocallyWithTheRefreshTokenRevoked()
    {
        await using var google = ProviderReplica.Start("google", ProviderKinds.Google,
            configure: settings => settings["Auth:Providers:google:Scope"] = "openid profile email offline_access");
        google.Provider.RotateRefreshTokens = false; // Google keeps one refresh token for the grant
        var browser = google.App.CreateBrowser();

        var authorizationUrl = await google.LoginAsync(browser, GoogleUser);

        google.AssertAuthorizationUrl(authorizationUrl, "openid profile email", ("access_type", "offline"), ("prompt", "consent"));
        Assert.Equal(google.Url("https://accounts.google.com/o/oauth2/v2/auth"), authorizationUrl.GetLeftPart(UriPartial.Path));

        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal("google", me.GetProperty("provider").GetString());
        Assert.Equal("110169484474386276334", me.GetProperty("sub").GetString());
        Assert.Equal("ada@gmail.com", me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("claims").GetProperty("email_verified").GetBoolean());
        Assert.Equal("Ada", me.GetProperty("claims").GetProperty("given_name").GetString());
        Assert.Equal(1, google.Provider.RequestsTo("/v1/userinfo"));

        var refreshed = await google.RefreshAfterAsync(browser, TimeSpan.FromSeconds(3599));

        google.AssertOneRefreshGrant(GoogleUser, refreshed);

        var logoutUrl = await ProviderReplica.LogoutAsync(browser);

        Assert.Equal("/", logoutUrl.OriginalString);
        Assert.Equal([GoogleUser.RefreshToken!], google.Provider.RevokedTokens);
        Assert.Equal(["basic", "basic", "basic"], google.Provider.TokenClientAuthentications); // code, refresh, revocation
    }

    [Fact]
    public async Task AGoogleIdTokenWhoseIssLacksTheHttpsSchemeIsAccepted()
    {
        await using var google = ProviderReplica.Start("google", ProviderKinds.Google);
        var browser = google.App.CreateBrowser();
        var schemeless = new Uri(google.Issuer).Authority; // Google documents iss as https://accounts.google.com or accounts.google.com

        await google.LoginAsync(browser, GoogleUser with { ChangeIdToken = payload => payload["iss"] = schemeless });

        Assert.Equal(schemeless, (await ProviderReplica.MeAsync(browser)).GetProperty("claims").GetProperty("iss").GetString());
    }

    [Fact]
    public async Task AnIdTokenWithoutTheHttpsSchemeIsRefusedFromOtherKinds()
    {
        await using var generic = ProviderReplica.Start("google", ProviderKinds.Generic);
        var browser = generic.App.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await generic.App.CompleteLoginAsync(browser, authorizationUrl,
            GoogleUser with { ChangeIdToken = payload => payload["iss"] = new Uri(generic.Issuer).Authority });

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }
}
