namespace AuthApi.Tests.Sessions;

/// <summary>
/// Cookie names and attributes: HttpOnly and SameSite=Lax always; with an https redirect URI also Secure, Path=/ and
/// the <c>__Host-</c> prefix (which browsers honour only with Secure, Path=/ and no Domain), whatever scheme a request arrives with.
/// </summary>
public sealed class SessionCookieAttributeTests
{
    private const string HostPrefix = "__Host-";

    [Fact]
    public async Task SessionCookiesOverHttpsAreHostPrefixedSecureHttpOnlyLax()
    {
        await using var app = HttpsApp();
        var browser = app.CreateBrowser("https://localhost");

        var callback = await app.LoginAsync(browser, ChunkedSessionTests.GrantWithGroups(300));

        var written = callback.ParsedSetCookies().Where(cookie => !cookie.IsDeletion).ToList();
        Assert.Contains(written, cookie => cookie.Name == HostPrefix + "authapi.session");
        Assert.Contains(written, cookie => cookie.Name == HostPrefix + "authapi.sessionC1");
        Assert.Contains(written, cookie => cookie.Name == HostPrefix + "authapi.tokens");
        Assert.All(written, AssertHostCookie);
    }

    [Fact]
    public async Task SessionOverHttpsReadsBackInABrowser()
    {
        await using var app = HttpsApp();
        var browser = app.CreateBrowser("https://localhost");
        await app.LoginAsync(browser);

        var me = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task CorrelationCookieOverHttpsIsHostPrefixedSecureHttpOnlyLax()
    {
        await using var app = HttpsApp();
        var browser = app.CreateBrowser("https://localhost");

        var login = await browser.GetAsync("/login");

        var correlation = Assert.Single(login.ParsedSetCookies());
        Assert.StartsWith(HostPrefix + "authapi.login.", correlation.Name, StringComparison.Ordinal);
        AssertHostCookie(correlation);
    }

    [Fact]
    public async Task CookieDeletionsOverHttpsCarryTheHostPrefixAttributes()
    {
        await using var app = HttpsApp();
        var browser = app.CreateBrowser("https://localhost");
        await app.LoginAsync(browser, ChunkedSessionTests.GrantWithGroups(300));
        var logout = new HttpRequestMessage(HttpMethod.Post, "/logout");
        logout.Headers.Add("X-CSRF", "1");

        var response = await browser.SendAsync(logout);

        var deleted = response.ParsedSetCookies().Where(cookie => cookie.IsDeletion).ToList();
        Assert.Contains(deleted, cookie => cookie.Name == HostPrefix + "authapi.session");
        Assert.Contains(deleted, cookie => cookie.Name == HostPrefix + "authapi.sessionC1");
        Assert.Contains(deleted, cookie => cookie.Name == HostPrefix + "authapi.tokens");
        Assert.All(deleted, AssertHostCookie);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task CookiesBehindATlsTerminatingProxyStayHostPrefixedAndSecure()
    {
        await using var app = HttpsApp();
        var client = app.CreateBareClient();

        var login = await client.GetAsync("/login");
        var loginCookie = login.ParsedSetCookies().Single();
        var authorizationUrl = login.Headers.Location!;
        var code = app.Provider.IssueCode(authorizationUrl, new Grant());
        var callback = await client.GetWithCookiesAsync($"/oauth2callback?code={code}&state={authorizationUrl.Query()["state"]}", [new(loginCookie.Name, loginCookie.Value)]);

        var written = login.ParsedSetCookies().Concat(callback.ParsedSetCookies()).Where(cookie => !cookie.IsDeletion).ToList();
        Assert.Contains(written, cookie => cookie.Name == HostPrefix + "authapi.session");
        Assert.Contains(written, cookie => cookie.Name == HostPrefix + "authapi.tokens");
        Assert.All(written, AssertHostCookie);
    }

    [Fact]
    public async Task SessionCookiesOverHttpAreHttpOnlyLaxAndNotSecure()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, ChunkedSessionTests.GrantWithGroups(300));

        var cookies = callback.ParsedSetCookies();
        Assert.Contains(cookies, cookie => cookie.Name == "authapi.session" && !cookie.IsDeletion);
        Assert.Contains(cookies, cookie => cookie.Name == "authapi.sessionC1" && !cookie.IsDeletion);
        Assert.All(cookies, cookie =>
        {
            Assert.StartsWith("authapi.", cookie.Name, StringComparison.Ordinal);
            Assert.True(cookie.Has("httponly"), $"{cookie.Name} lacks HttpOnly: {cookie.Header}");
            Assert.True(cookie.Has("samesite=lax"), $"{cookie.Name} lacks SameSite=Lax: {cookie.Header}");
            Assert.True(cookie.Has("path=/"), $"{cookie.Name} lacks Path=/: {cookie.Header}");
            Assert.False(cookie.Has("secure"), $"{cookie.Name} is Secure over http, so a browser would drop it: {cookie.Header}");
        });
    }

    /// <summary>The service as deployed: reached over https, so its redirect URI is https.</summary>
    private static TestApp HttpsApp() => new(settings => settings["Auth:RedirectUri"] = "https://localhost/oauth2callback");

    private static void AssertHostCookie(SetCookie cookie)
    {
        Assert.StartsWith(HostPrefix, cookie.Name, StringComparison.Ordinal);
        Assert.True(cookie.Has("secure"), $"{cookie.Name} lacks Secure: {cookie.Header}");
        Assert.True(cookie.Has("path=/"), $"{cookie.Name} lacks Path=/: {cookie.Header}");
        Assert.True(cookie.Has("httponly"), $"{cookie.Name} lacks HttpOnly: {cookie.Header}");
        Assert.True(cookie.Has("samesite=lax"), $"{cookie.Name} lacks SameSite=Lax: {cookie.Header}");
        Assert.DoesNotContain(cookie.Attributes, attribute => attribute.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
    }
}
