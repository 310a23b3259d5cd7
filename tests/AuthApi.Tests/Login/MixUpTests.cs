using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Login;

/// <summary>
/// RFC 9700 §4.4 mix-up defence: with several providers each has its own redirect URI, and a login completes only at
/// the redirect URI of the provider it started with, so no provider can have another provider's code sent to it.
/// </summary>
public sealed class MixUpTests
{
    private const string Attacker = "evil";

    [Fact]
    public async Task ACodeRelayedByAMaliciousProviderIsNeverSentToAnyTokenEndpoint()
    {
        using var attacker = new TestProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var app = new TestApp(settings => AddProvider(settings, Attacker, attacker));
        // The redirect URI the honest provider has registered for AuthApi: where it sends every browser back to.
        var honestRedirectUri = new Uri((await app.CreateBrowser().StartLoginAsync("?provider=test")).Query()["redirect_uri"]);
        var victim = app.CreateBrowser();
        var attackersAuthorization = await victim.StartLoginAsync($"?provider={Attacker}");

        // The attacker forwards the victim's login (state, nonce, PKCE challenge) to the honest provider, which
        // authenticates the victim and sends the browser back with a code for the victim's account.
        var victimsCode = app.Provider.IssueCode(attackersAuthorization, new Grant { Subject = "victim" });
        var callback = await victim.GetAsync($"{honestRedirectUri.AbsolutePath}?code={victimsCode}&state={attackersAuthorization.Query()["state"]}");

        CallbackAssert.FailedWith(callback, "callback_mismatch");
        Assert.Equal(0, attacker.RequestsTo("/token"));
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
        Assert.False((await victim.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task EachOfSeveralProvidersLogsInAtItsOwnRedirectUri()
    {
        using var other = new TestProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var app = new TestApp(settings => AddProvider(settings, "other", other));
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync("?provider=test");

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl, callbackPath: "/oauth2callback/test");

        Assert.Equal("http://localhost/oauth2callback/test", authorizationUrl.Query()["redirect_uri"]);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Contains("authapi.session", callback.CookiesWritten());
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Foauth2callback%2Ftest", app.Provider.TokenRequestBodies.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithSeveralProvidersTheSharedCallbackCompletesNoLogin()
    {
        using var other = new TestProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var app = new TestApp(settings => AddProvider(settings, "other", other));
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync("?provider=test");

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl, callbackPath: "/oauth2callback");

        CallbackAssert.FailedWith(callback, "callback_mismatch");
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
    }

    [Fact]
    public async Task ALoginAtTheOnlyProviderKeepsTheStreamlitRedirectUri()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var elsewhere = await app.CompleteLoginAsync(browser, authorizationUrl, callbackPath: "/oauth2callback/test");

        Assert.Equal(AuthApiFactory.RedirectUri, authorizationUrl.Query()["redirect_uri"]);
        CallbackAssert.FailedWith(elsewhere, "callback_mismatch");
    }

    [Fact]
    public async Task AConfiguredRedirectUriBeneathTheCallbackIsUsed()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:RedirectUri"] = AuthApiFactory.RedirectUri + "/legacy");
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl, callbackPath: "/oauth2callback/legacy");

        Assert.Equal(AuthApiFactory.RedirectUri + "/legacy", authorizationUrl.Query()["redirect_uri"]);
        Assert.Contains("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task ProviderLogoutReturnsToTheProvidersOwnRedirectUri()
    {
        using var other = new TestProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var app = new TestApp(settings =>
        {
            AddProvider(settings, "other", other);
            settings["Auth:PostLogoutReturnUrl"] = "/bye";
        });
        var browser = app.CreateBrowser();
        await app.CompleteLoginAsync(browser, await browser.StartLoginAsync("?provider=test"), callbackPath: "/oauth2callback/test");
        var logout = new HttpRequestMessage(HttpMethod.Post, "/logout");
        logout.Headers.Add("X-CSRF", "1");

        var logoutUrl = new Uri((await (await browser.SendAsync(logout)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("logoutUrl").GetString()!);
        var back = await browser.GetAsync("/oauth2callback/test");

        Assert.Equal("http://localhost/oauth2callback/test", logoutUrl.Query()["post_logout_redirect_uri"]);
        Assert.Equal("/bye", back.Headers.Location!.OriginalString);
    }

    private static void AddProvider(Dictionary<string, string?> settings, string name, TestProvider provider)
    {
        settings[$"Auth:Providers:{name}:ServerMetadataUrl"] = provider.MetadataUrl;
        settings[$"Auth:Providers:{name}:ClientId"] = TestProvider.ClientId;
        settings[$"Auth:Providers:{name}:ClientSecret"] = TestProvider.ClientSecret;
    }
}
