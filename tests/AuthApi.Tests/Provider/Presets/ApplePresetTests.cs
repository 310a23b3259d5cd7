using AuthApi.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = apple</c> against Apple's published document: only <c>client_secret_post</c> (the secret an ES256 JWT from the
/// team's key), no userinfo and no end-session endpoint, a revocation endpoint; the answer posted to the redirect URI
/// (form_post) with the one-time <c>user</c> field; <c>email_verified</c> and <c>is_private_email</c> as strings.
/// </summary>
public sealed class ApplePresetTests : IDisposable
{
    private const string TeamId = "TEAM123456";
    private const string KeyId = "APPLEKEY01";
    /// <summary>A browser keeps the Secure login cookie of a form_post provider for https (and loopback) only.</summary>
    private const string SecureOrigin = "https://localhost";

    private const string RelayEmail = "x7k2m9q4p1@privaterelay.appleid.com";

    private static readonly Grant AppleUser = new()
    {
        Subject = "001234.5f0e9c1a2b3d4e5f6a7b8c9d0e1f2a3b.1234",
        AccessToken = "a1b2c3d4e5f6." + Guid.NewGuid().ToString("N"),
        RefreshToken = "r1b2c3d4e5f6." + Guid.NewGuid().ToString("N"),
        Claims = new()
        {
            ["email"] = RelayEmail,
            ["email_verified"] = "true",
            ["is_private_email"] = "true",
            ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["nonce_supported"] = true,
        },
    };

    private readonly ClientKeys _keys = new();

    [Fact]
    public async Task AnAppleUserLogsInByFormPostWithAGeneratedSecretGetsTheFirstLoginsNameRefreshesAndLogsOutLocallyWithTheRefreshTokenRevoked()
    {
        var (keyPath, publicKey) = _keys.EcPem();
        await using var apple = StartApple(keyPath);
        apple.Provider.RotateRefreshTokens = false; // Apple keeps the refresh token
        apple.Provider.ClientSecretCheck = secret => IsAppleClientSecret(secret, publicKey);
        var browser = apple.App.CreateBrowser(SecureOrigin);

        var authorizationUrl = await browser.StartLoginAsync();
        var callback = await browser.PostAsync("/oauth2callback", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["state"] = authorizationUrl.Query()["state"],
            ["code"] = apple.Provider.IssueCode(authorizationUrl, AppleUser),
            ["user"] = """{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"ada@example.com"}""",
        }));

        apple.AssertAuthorizationUrl(authorizationUrl, "openid name email", ("response_mode", "form_post"));
        Assert.Equal(apple.Url("https://appleid.apple.com/auth/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        Assert.Equal(["post"], apple.Provider.TokenClientAuthentications);
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
        Assert.Equal(RelayEmail, me.GetProperty("email").GetString());
        var claims = me.GetProperty("claims");
        Assert.Equal("Ada", claims.GetProperty("given_name").GetString());
        Assert.Equal("Lovelace", claims.GetProperty("family_name").GetString());
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
        Assert.Equal("true", claims.GetProperty("is_private_email").GetString());

        var refreshed = await apple.RefreshAfterAsync(browser, TimeSpan.FromMinutes(60));

        Assert.NotEqual(AppleUser.AccessToken, refreshed);
        var refresh = Assert.Single(apple.RefreshGrantRequests);
        Assert.Equal(AppleUser.RefreshToken, refresh["refresh_token"]);
        Assert.True(IsAppleClientSecret(refresh["client_secret"], publicKey));
        Assert.Equal(["post", "post"], apple.Provider.TokenClientAuthentications);

        var logoutUrl = await ProviderReplica.LogoutAsync(browser);

        Assert.Equal("/", logoutUrl.OriginalString);
        Assert.Equal([AppleUser.RefreshToken!], apple.Provider.RevokedTokens);
        Assert.Equal(1, apple.Provider.RequestsTo("/auth/revoke"));
    }

    [Fact]
    public async Task AppleAnsweringByGetIsRefusedAsAMixUp()
    {
        var (keyPath, publicKey) = _keys.EcPem();
        await using var apple = StartApple(keyPath);
        apple.Provider.ClientSecretCheck = secret => IsAppleClientSecret(secret, publicKey);
        var browser = apple.App.CreateBrowser(SecureOrigin);

        var authorizationUrl = await browser.StartLoginAsync();
        var callback = await apple.App.CompleteLoginAsync(browser, authorizationUrl, AppleUser);

        CallbackAssert.FailedWith(callback, "callback_mismatch");
        Assert.Equal(0, apple.Provider.RequestsTo("/auth/token"));
        Assert.False(await browser.IsLoggedInAsync());
    }

    /// <summary>Apple as its guide configures it: the kind, the client ID and the team's key instead of a client secret.</summary>
    private static ProviderReplica StartApple(string keyPath) =>
        ProviderReplica.Start("apple", ProviderKinds.Apple, configure: settings =>
        {
            settings.Remove("Auth:Providers:apple:ClientSecret");
            settings["Auth:Providers:apple:AppleTeamId"] = TeamId;
            settings["Auth:Providers:apple:AppleKeyId"] = KeyId;
            settings["Auth:Providers:apple:AppleKeyPath"] = keyPath;
        });

    /// <summary>Apple's client secret: ES256 with the team's key, issued by the team for this client, for Apple.</summary>
    private static bool IsAppleClientSecret(string secret, SecurityKey publicKey)
    {
        var result = new JsonWebTokenHandler().ValidateTokenAsync(secret, new TokenValidationParameters
        {
            IssuerSigningKey = publicKey,
            ValidIssuer = TeamId,
            ValidAudience = "https://appleid.apple.com",
            ValidateLifetime = false,
        }).GetAwaiter().GetResult();
        return result.IsValid && result.SecurityToken is JsonWebToken { Alg: "ES256", Kid: KeyId, Subject: TestProvider.ClientId };
    }

    public void Dispose() => _keys.Dispose();
}
