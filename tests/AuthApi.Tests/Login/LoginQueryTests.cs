namespace AuthApi.Tests.Login;

/// <summary><c>GET /login</c>'s query: which provider, and the hints passed through to it (and nothing else).</summary>
public sealed class LoginQueryTests
{
    [Fact]
    public async Task LoginWithUnknownProviderIsRejected()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/login?provider=nope");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "unknown_provider");
        Assert.Empty(response.SetCookies());
    }

    [Theory]
    [InlineData("max_age=abc")]
    [InlineData("max_age=-5")]
    [InlineData("prompt=evil")]
    [InlineData("prompt=login%20evil")]
    public async Task LoginWithMalformedHintIsRejected(string query)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/login?" + query);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Empty(response.SetCookies());
    }

    [Fact]
    public async Task LoginPassesOnlyPromptLoginHintMaxAgeAndUiLocalesToTheProvider()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var authorizationUrl = await browser.StartLoginAsync(
            "?prompt=login&login_hint=ada%40example.com&max_age=60&ui_locales=en-GB%20fr"
            + "&foo=bar&client_id=evil&redirect_uri=https%3A%2F%2Fevil.com%2Foauth2callback"
            + "&scope=openid%20admin&response_type=token&code_challenge_method=plain&acr_values=x");

        var query = authorizationUrl.Query();
        Assert.Equal("login", query["prompt"]);
        Assert.Equal("ada@example.com", query["login_hint"]);
        Assert.Equal("60", query["max_age"]);
        Assert.Equal("en-GB fr", query["ui_locales"]);
        Assert.Equal(TestProvider.ClientId, query["client_id"]);
        Assert.Equal(AuthApiFactory.RedirectUri, query["redirect_uri"]);
        Assert.Equal("openid profile email", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(
            ["client_id", "code_challenge", "code_challenge_method", "login_hint", "max_age", "nonce", "prompt", "redirect_uri", "response_type", "scope", "state", "ui_locales"],
            query.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EmptyQueryValuesCountAsAbsent()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        // As API tools and forms send fields left empty: the only provider, returnUrl /, no hint.
        var response = await app.LoginAsync(browser, query: "?provider=&returnUrl=&prompt=&login_hint=&max_age=&ui_locales=");
        var authorizationUrl = await app.CreateBrowser().StartLoginAsync("?provider=&prompt=&login_hint=&max_age=&ui_locales=");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Equal(
            ["client_id", "code_challenge", "code_challenge_method", "nonce", "redirect_uri", "response_type", "scope", "state"],
            authorizationUrl.Query().Keys.Order(StringComparer.Ordinal));
    }
}
