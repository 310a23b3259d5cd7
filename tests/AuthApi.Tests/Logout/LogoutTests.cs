namespace AuthApi.Tests.Logout;

public sealed class LogoutTests
{
    [Fact]
    public async Task PostWithoutTheCsrfHeaderIsForbiddenAndKeepsTheSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.PostAsync("/logout", null);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf_header_missing");
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task PostReturnsTheEndSessionUrlAndDeletesTheSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var idToken = (await browser.GetFromJsonAsync<JsonElement>("/me/tokens")).GetProperty("id").GetString();

        var response = await PostLogoutAsync(browser);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logoutUrl = new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("logoutUrl").GetString()!);
        Assert.Equal(app.Provider.Issuer + "/logout", logoutUrl.GetLeftPart(UriPartial.Path));
        var query = logoutUrl.Query();
        Assert.Equal(TestProvider.ClientId, query["client_id"]);
        Assert.Equal(AuthApiFactory.RedirectUri, query["post_logout_redirect_uri"]);
        Assert.Equal(idToken, query["id_token_hint"]);
        Assert.Contains(response.SetCookies(), cookie => cookie.StartsWith("authapi.session=;", StringComparison.Ordinal));
        Assert.Contains(response.SetCookies(), cookie => cookie.StartsWith("authapi.tokens=;", StringComparison.Ordinal));
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshToken()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);

        await PostLogoutAsync(browser);

        Assert.Equal([grant.RefreshToken!], app.Provider.RevokedTokens);
    }

    [Fact]
    public async Task FailedRevocationDoesNotBlockTheLogout()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.RevocationStatus = 500;

        var response = await PostLogoutAsync(browser);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, app.Provider.RequestsTo("/revoke"));
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Revoking the refresh token"));
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Theory]
    [InlineData(200, "1")]
    [InlineData(200, "[]")]
    [InlineData(400, "{\"error\": \"\\ud800\"}")] // a lone surrogate: reading it throws
    public async Task AnUnreadableRevocationAnswerDoesNotBlockTheLogout(int status, string body)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.Answer("/revoke", _ => (status, body));

        var response = await PostLogoutAsync(browser);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Revoking the refresh token"));
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task RevocationCanBeTurnedOff()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:RevokeRefreshTokenOnLogout"] = "false");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        await PostLogoutAsync(browser);

        Assert.Equal(0, app.Provider.RequestsTo("/revoke"));
    }

    [Fact]
    public async Task ConfiguredEndSessionParametersAndRedirectAreSent()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Providers:test:EndSessionParameters:logout_hint"] = "ada@example.com";
            settings["Auth:Providers:test:PostLogoutRedirectUri"] = "https://app.example.com/signed-out";
        });
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var query = (await LogoutUrlAsync(browser)).Query();

        Assert.Equal("ada@example.com", query["logout_hint"]);
        Assert.Equal("https://app.example.com/signed-out", query["post_logout_redirect_uri"]);
    }

    [Fact]
    public async Task ProviderWithoutEndSessionEndpointLogsOutLocally()
    {
        await using var app = new TestApp(settings => settings["Auth:PostLogoutReturnUrl"] = "/signed-out", changeMetadata: metadata => metadata.Remove("end_session_endpoint"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        Assert.Equal("/signed-out", (await LogoutUrlAsync(browser)).OriginalString);
    }

    [Fact]
    public async Task EndSessionEndpointCanBeTurnedOff()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:UseEndSessionEndpoint"] = "false");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        Assert.Equal("/", (await LogoutUrlAsync(browser)).OriginalString);
    }

    [Fact]
    public async Task AnonymousLogoutSucceeds()
    {
        await using var app = new TestApp();

        Assert.Equal("/", (await LogoutUrlAsync(app.CreateBrowser())).OriginalString);
    }

    [Fact]
    public async Task GetWithTheSessionsSidRedirectsToTheEndSessionUrl()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var logoutUrl = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString();

        var response = await browser.GetAsync(logoutUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(app.Provider.Issuer + "/logout", response.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Theory]
    [InlineData("/logout")]
    [InlineData("/logout?sid=")]
    [InlineData("/logout?sid=not-the-sid")]
    public async Task GetWithoutTheRightSidIsRejectedAndKeepsTheSession(string url)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.GetAsync(url);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_sid");
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task LogoutEndsThisBrowsersSessionOnly()
    {
        await using var app = new TestApp();
        var laptop = app.CreateBrowser();
        var phone = app.CreateBrowser();
        await app.LoginAsync(laptop);
        await app.LoginAsync(phone);

        await PostLogoutAsync(laptop);

        Assert.True((await phone.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    private static Task<HttpResponseMessage> PostLogoutAsync(HttpClient browser)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        request.Headers.Add("X-CSRF", "1");
        return browser.SendAsync(request);
    }

    private static async Task<Uri> LogoutUrlAsync(HttpClient browser)
    {
        var response = await PostLogoutAsync(browser);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("logoutUrl").GetString()!, UriKind.RelativeOrAbsolute);
    }
}
