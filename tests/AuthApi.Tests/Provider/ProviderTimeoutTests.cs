namespace AuthApi.Tests.Provider;

/// <summary>A provider that accepts the connection and never answers is unreachable, never a 500.</summary>
public sealed class ProviderTimeoutTests
{
    // Well apart, so a busy test machine answering slowly is not mistaken for a hang.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(4);

    private static TestApp ShortTimeoutApp() => new(settings => settings["Auth:ProviderTimeout"] = "00:00:01");

    [Fact]
    public async Task HangingDiscoveryIsProviderUnavailable()
    {
        await using var app = ShortTimeoutApp();
        app.Provider.Delay("/.well-known/openid-configuration", Hang);

        var login = await app.CreateBrowser().GetAsync("/login");
        var ready = await app.CreateBrowser().GetAsync("/readyz");

        await ProblemAssert.IsAsync(login, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
        await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
    }

    [Fact]
    public async Task HangingTokenEndpointIsTokenExchangeFailed()
    {
        await using var app = ShortTimeoutApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        app.Provider.Delay("/token", Hang);

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
    }

    [Fact]
    public async Task HangingUserInfoLeavesTheLoginToTheIdTokensClaims()
    {
        await using var app = ShortTimeoutApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        app.Provider.Delay("/userinfo", Hang);

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Userinfo of provider test is unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HangingJwksDuringKeyRotationIsIdTokenInvalid()
    {
        await using var app = ShortTimeoutApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        app.Provider.RotateKeys();
        app.Provider.Delay("/jwks", Hang);

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Fact]
    public async Task HangingRevocationDoesNotBlockTheLogout()
    {
        await using var app = ShortTimeoutApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.Delay("/revoke", Hang);
        var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        request.Headers.Add("X-CSRF", "1");

        var logout = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }
}
