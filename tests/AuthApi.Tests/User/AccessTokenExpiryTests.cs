namespace AuthApi.Tests.User;

/// <summary>When the access token counts as expired: <c>expires_in</c>, else a JWT access token's <c>exp</c>, else <c>DefaultAccessTokenLifetime</c>.</summary>
public sealed class AccessTokenExpiryTests
{
    [Fact]
    public async Task WithoutExpiresInAnOpaqueAccessTokenLivesOneHourByDefault()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, new Grant { ExpiresIn = 0 });

        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(app.Time.GetUtcNow().AddHours(1), tokens.GetProperty("accessTokenExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task WithoutExpiresInTheTokensAreRefreshedAfterTheConfiguredDefaultLifetime()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:DefaultAccessTokenLifetime"] = "00:30:00");
        var browser = app.CreateBrowser();
        var grant = new Grant { ExpiresIn = 0 };
        await app.LoginAsync(browser, grant);
        var before = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");
        app.Time.Advance(TimeSpan.FromMinutes(30));

        var after = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(grant.AccessToken, before.GetProperty("access").GetString());
        Assert.Equal(1, app.Provider.RefreshGrants);
        Assert.NotEqual(grant.AccessToken, after.GetProperty("access").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(30), after.GetProperty("accessTokenExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task WithoutExpiresInAJwtAccessTokensExpIsItsExpiry()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var exp = app.Time.GetUtcNow().AddMinutes(20).ToUnixTimeSeconds();
        var accessToken = app.Provider.CreateIdToken(new Dictionary<string, object> { ["sub"] = "user-1", ["aud"] = "https://api.example.com", ["exp"] = exp }, TestKeys.Foreign);
        await app.LoginAsync(browser, new Grant { ExpiresIn = 0, AccessToken = accessToken });

        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), tokens.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ExpiresInWinsOverAJwtAccessTokensExp()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var exp = app.Time.GetUtcNow().AddMinutes(20).ToUnixTimeSeconds();
        var accessToken = app.Provider.CreateIdToken(new Dictionary<string, object> { ["sub"] = "user-1", ["exp"] = exp }, TestKeys.Foreign);
        await app.LoginAsync(browser, new Grant { ExpiresIn = 600, AccessToken = accessToken });

        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal(app.Time.GetUtcNow().AddMinutes(10), tokens.GetProperty("accessTokenExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
    }
}
