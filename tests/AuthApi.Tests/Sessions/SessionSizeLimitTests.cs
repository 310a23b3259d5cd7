namespace AuthApi.Tests.Sessions;

/// <summary>A login whose session would not fit <c>Auth:Session:MaxCookieBytes</c> fails loudly, never silently (Streamlit #12518).</summary>
public sealed class SessionSizeLimitTests
{
    [Fact]
    public async Task LoginOverTheDefaultLimitFailsWithSessionTooLargeAndWritesNoSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, ChunkedSessionTests.GrantWithGroups(2000));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal("session_too_large", callback.Headers.Location.Query()["auth_error"]);
        Assert.DoesNotContain(callback.CookiesWritten(), name => name.StartsWith("authapi.session", StringComparison.Ordinal) || name.StartsWith("authapi.tokens", StringComparison.Ordinal));
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task LoginOverTheLimitLogsALineNamingTheSettingsThatHelp()
    {
        await using var app = new TestApp();

        await app.LoginAsync(app.CreateBrowser(), ChunkedSessionTests.GrantWithGroups(2000));

        var advice = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Auth:Session:MaxCookieBytes", StringComparison.Ordinal));
        Assert.Contains("Auth:Providers:test:Scope", advice, StringComparison.Ordinal);
        Assert.Contains("Auth:Session:Store=Redis", advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredLimitIsHonoured()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:MaxCookieBytes"] = "4096");

        var callback = await app.LoginAsync(app.CreateBrowser(), ChunkedSessionTests.GrantWithGroups(300));

        Assert.Equal("session_too_large", callback.Headers.Location!.Query()["auth_error"]);
        Assert.DoesNotContain("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task LoginOverTheLimitKeepsTheReturnUrl()
    {
        await using var app = new TestApp();

        var callback = await app.LoginAsync(app.CreateBrowser(), ChunkedSessionTests.GrantWithGroups(2000), "?returnUrl=%2Fdashboard%3Ftab%3D1");

        var location = callback.Headers.Location!.OriginalString;
        Assert.StartsWith("/dashboard?", location, StringComparison.Ordinal);
        Assert.Equal("1", callback.Headers.Location.Query()["tab"]);
        Assert.Equal("session_too_large", callback.Headers.Location.Query()["auth_error"]);
    }

    [Fact]
    public async Task LoginOverTheLimitLeavesTheExistingSessionAsItIs()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var callback = await app.LoginAsync(browser, ChunkedSessionTests.GrantWithGroups(2000) with { Subject = "user-1" });

        Assert.Equal("session_too_large", callback.Headers.Location!.Query()["auth_error"]);
        Assert.DoesNotContain(callback.DeletedCookies(), name => name.StartsWith("authapi.session", StringComparison.Ordinal));
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
    }
}
