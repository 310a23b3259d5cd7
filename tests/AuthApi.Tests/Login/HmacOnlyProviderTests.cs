using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuthApi.Tests.Login;

/// <summary>A provider whose metadata lists only HS256: ID tokens signed with the client secret, no published keys needed.</summary>
public sealed class HmacOnlyProviderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnHs256OnlyProviderWithoutKeysIsReady(bool withJwksUri)
    {
        await using var app = HmacOnlyApp(withJwksUri);

        var ready = await app.CreateBrowser().GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal("ready", ready.GetProperty("providers").GetProperty("test").GetString());
    }

    [Fact]
    public async Task AnIdTokenSignedHs256WithTheClientSecretLogsIn()
    {
        await using var app = HmacOnlyApp(withJwksUri: false);
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, new Grant { CreateIdToken = payload => Hmac(payload, Encoding.UTF8.GetBytes(TestProvider.ClientSecret)) });

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("user-1", me.GetProperty("sub").GetString());
    }

    public static TheoryData<string> Forgeries() => ["public-key-bytes", "wrong-secret", "rs256"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task AnIdTokenNotSignedWithTheClientSecretIsIdTokenInvalid(string forgery)
    {
        await using var app = HmacOnlyApp(withJwksUri: true);
        var browser = app.CreateBrowser();
        Func<Dictionary<string, object>, string> create = forgery switch
        {
            "public-key-bytes" => payload => Hmac(payload, TestKeys.Current.Rsa.ExportSubjectPublicKeyInfo()),
            "wrong-secret" => payload => Hmac(payload, Encoding.UTF8.GetBytes("another-secret-that-is-long-enough-for-hs256")),
            _ => payload => app.Provider.CreateIdToken(payload, TestKeys.Current),
        };

        var callback = await app.LoginAsync(browser, new Grant { CreateIdToken = create });

        CallbackAssert.FailedWith(callback, "id_token_invalid");
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task Hs256IsRefusedWhenTheMetadataAlsoListsAnAsymmetricAlgorithm()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["id_token_signing_alg_values_supported"] = new[] { "HS256", "RS256" });

        var callback = await app.LoginAsync(app.CreateBrowser(), new Grant { CreateIdToken = payload => Hmac(payload, Encoding.UTF8.GetBytes(TestProvider.ClientSecret)) });

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Fact]
    public async Task AClientSecretTooShortToVerifyHs256MakesTheProviderNotReadyAndSaysWhy()
    {
        await using var app = HmacOnlyApp(withJwksUri: false, clientSecret: "sixteen-byte-key");

        var ready = await app.CreateBrowser().GetAsync("/readyz");

        var body = await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
        Assert.Equal("invalid_metadata", body.GetProperty("providers").GetProperty("test").GetString());
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("at least 32 bytes", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains("sixteen-byte-key", StringComparison.Ordinal));
    }

    /// <summary>The test provider with HS256 as its only ID token algorithm and an empty key set, or no <c>jwks_uri</c>.</summary>
    private static TestApp HmacOnlyApp(bool withJwksUri, string? clientSecret = null)
    {
        var app = new TestApp(settings =>
        {
            if (clientSecret is not null)
            {
                settings["Auth:Providers:test:ClientSecret"] = clientSecret;
            }
        }, changeMetadata: metadata =>
        {
            metadata["id_token_signing_alg_values_supported"] = new[] { "HS256" };
            if (!withJwksUri)
            {
                metadata.Remove("jwks_uri");
            }
        });
        app.Provider.Server.Given(Request.Create().WithPath("/jwks")).AtPriority(-1).RespondWith(Response.Create().WithBody("""{"keys": []}"""));
        return app;
    }

    private static string Hmac(Dictionary<string, object> payload, byte[] secret) =>
        new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(payload), new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256));
}
