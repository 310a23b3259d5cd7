namespace AuthApi.Tests.User;

/// <summary><c>POST /me/tokens/refresh</c> and the refresh <c>GET /me/tokens</c> does when the access token runs out.</summary>
public sealed class RefreshTests
{
    [Fact]
    public async Task RefreshWithoutTheCsrfHeaderIsForbidden()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.PostAsync("/me/tokens/refresh", null);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf_header_missing");
        Assert.Equal(0, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task AnonymousRefreshIsNotAuthenticated()
    {
        await using var app = new TestApp();

        var response = await RefreshAsync(app.CreateBrowser());

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "not_authenticated");
    }

    [Fact]
    public async Task RefreshReturnsNewTokensAndRewritesTheSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);
        app.Time.Advance(TimeSpan.FromMinutes(30));

        var response = await RefreshAsync(browser);
        var refreshed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var afterwards = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(grant.AccessToken, refreshed.GetProperty("access").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddHours(1), refreshed.GetProperty("accessTokenExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(refreshed.GetProperty("access").GetString(), afterwards.GetProperty("access").GetString());
        Assert.Contains("authapi.tokens", response.CookiesWritten());
        Assert.Equal(1, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task ARotatedRefreshTokenIsKeptForTheNextRefresh()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var first = await RefreshAsync(browser);
        var second = await RefreshAsync(browser);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task ASessionWithoutRefreshTokenCannotRefresh()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, new Grant { RefreshToken = null });

        var response = await RefreshAsync(browser);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Conflict, "no_refresh_token");
        Assert.Equal(0, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task ARejectedRefreshTokenEndsTheSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.RevokeAllRefreshTokens();

        var response = await RefreshAsync(browser);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "session_ended");
        Assert.Contains(response.SetCookies(), cookie => cookie.StartsWith("authapi.session=;", StringComparison.Ordinal));
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task AnUnreachableProviderFailsTheRefreshAndKeepsTheSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);
        app.Provider.RefreshStatus = 503;

        var failed = await RefreshAsync(browser);
        app.Provider.RefreshStatus = 200;
        var retried = await RefreshAsync(browser);

        await ProblemAssert.IsAsync(failed, HttpStatusCode.BadGateway, "refresh_failed");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task ARefreshWhoseTokensNoLongerFitTheCookiesEndsTheSession()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:MaxCookieBytes"] = "4096");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.RefreshedAccessTokenPadding = 5_000;

        var refreshed = await RefreshAsync(browser);

        await ProblemAssert.IsAsync(refreshed, HttpStatusCode.Unauthorized, "session_ended");
        Assert.Contains("authapi.session", refreshed.DeletedCookies());
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
        Assert.Single(app.Factory.Logs.Lines, line => line.Contains("over Auth:Session:MaxCookieBytes; the session ends", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"access_token\": \"\\ud800\", \"token_type\": \"Bearer\"}")] // a lone surrogate: reading it throws
    [InlineData("{\"access_token\": \"access-2\", \"error\": \"\\udc00\"}")]
    [InlineData("{\"access_token\": \"access-2\\r\\nX-Forged: 1\", \"token_type\": \"Bearer\"}")] // no header can carry it
    public async Task AnUnreadableAnswerFailsTheRefreshAndKeepsTheSession(string body)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.Answer("/token", _ => (200, body));

        var failed = await RefreshAsync(browser);

        await ProblemAssert.IsAsync(failed, HttpStatusCode.BadGateway, "refresh_failed");
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\u2028")]
    public async Task ABlankRefreshTokenCountsAsNone(string refreshToken)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, new Grant { RefreshToken = refreshToken });

        var refresh = await RefreshAsync(browser);
        var logout = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/logout") { Headers = { { "X-CSRF", "1" } } });

        // The token library refuses to send a blank token (it throws): there is nothing to refresh or revoke with.
        await ProblemAssert.IsAsync(refresh, HttpStatusCode.Conflict, "no_refresh_token");
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(0, app.Provider.RequestsTo("/revoke"));
    }

    [Fact]
    public async Task ConcurrentRefreshesShareOneGrantAndKeepTheSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefreshAsync(browser)));
        var accessTokens = await Task.WhenAll(responses.Select(async response => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access").GetString()));
        var next = await RefreshAsync(browser);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Single(accessTokens.Distinct());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task ARequestStillCarryingThePreRotationCookieGetsTheNewTokens()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var cookies);
        await app.LoginAsync(browser);
        var oldCookies = cookies.GetCookieHeader(new Uri("http://localhost"));
        await RefreshAsync(browser);

        var request = new HttpRequestMessage(HttpMethod.Post, "/me/tokens/refresh");
        request.Headers.Add("X-CSRF", "1");
        request.Headers.Add("Cookie", oldCookies);
        var late = await app.CreateBareClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(1, app.Provider.RefreshGrants);
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task GetTokensRefreshesAnAccessTokenAboutToExpire()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);

        var fresh = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");
        app.Time.Advance(TimeSpan.FromMinutes(59.5));
        var expiring = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(grant.AccessToken, fresh.GetProperty("access").GetString());
        Assert.NotEqual(grant.AccessToken, expiring.GetProperty("access").GetString());
        Assert.Equal(1, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task ProvidersThatDoNotRotateKeepTheRefreshTokenWorking()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:ExposeTokens"] = "refresh";
            settings["Auth:ExposeRefreshToken"] = "true";
        });
        app.Provider.RotateRefreshTokens = false;
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);

        var refreshed = await (await RefreshAsync(browser)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(grant.RefreshToken, refreshed.GetProperty("refresh").GetString());
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient browser)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/me/tokens/refresh");
        request.Headers.Add("X-CSRF", "1");
        return browser.SendAsync(request);
    }
}
