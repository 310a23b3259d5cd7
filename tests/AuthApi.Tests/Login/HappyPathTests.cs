namespace AuthApi.Tests.Login;

/// <summary>The whole journey a SPA makes, in one test: log in, read the user and tokens, log out.</summary>
public sealed class HappyPathTests
{
    [Fact]
    public async Task LogInReadUserAndTokensThenLogOutAtTheProvider()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = new Grant();

        var callback = await app.LoginAsync(browser, grant, "?returnUrl=/home");
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");
        var logout = await browser.GetAsync(me.GetProperty("logoutUrl").GetString());
        var afterwards = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.Equal("/home", callback.Headers.Location!.OriginalString);
        Assert.Equal(["authapi.session", "authapi.tokens"], callback.CookiesWritten().Where(name => !name.StartsWith("authapi.login.", StringComparison.Ordinal)).Order());
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
        Assert.Equal(grant.AccessToken, tokens.GetProperty("access").GetString());
        Assert.Equal(tokens.GetProperty("id").GetString(), logout.Headers.Location!.Query()["id_token_hint"]);
        Assert.Contains(logout.SetCookies(), cookie => cookie.StartsWith("authapi.session=;", StringComparison.Ordinal));
        Assert.False(afterwards.GetProperty("isLoggedIn").GetBoolean());
    }
}
