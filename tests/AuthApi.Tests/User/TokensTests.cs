namespace AuthApi.Tests.User;

public sealed class TokensTests
{
    [Fact]
    public async Task AnonymousCallerIsNotAuthenticated()
    {
        await using var app = new TestApp();

        var response = await app.CreateBrowser().GetAsync("/me/tokens");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "not_authenticated");
    }

    [Fact]
    public async Task ExposedIdAndAccessTokensAreReturnedWithoutTheRefreshToken()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);

        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(grant.AccessToken, tokens.GetProperty("access").GetString());
        Assert.Equal(3, tokens.GetProperty("id").GetString()!.Split('.').Length);
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.Equal("openid profile email", tokens.GetProperty("scope").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddHours(1), tokens.GetProperty("accessTokenExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.False(tokens.TryGetProperty("refresh", out _));
    }

    [Fact]
    public async Task OnlyTheIdTokenIsReturnedWhenOnlyItIsExposed()
    {
        await using var app = new TestApp(settings => settings["Auth:ExposeTokens"] = "id");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(["id"], tokens.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task NothingExposedAnswersAnEmptyObject()
    {
        await using var app = new TestApp(settings => settings.Remove("Auth:ExposeTokens"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var body = await browser.GetStringAsync("/me/tokens");

        Assert.Equal("{}", body);
    }

    [Fact]
    public async Task RefreshListedWithTheSecondOptInIsReturned()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:ExposeTokens"] = "refresh";
            settings["Auth:ExposeRefreshToken"] = "true";
        });
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);

        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(grant.RefreshToken, tokens.GetProperty("refresh").GetString());
    }
}
