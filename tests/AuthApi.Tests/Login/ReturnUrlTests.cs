namespace AuthApi.Tests.Login;

/// <summary><c>GET /login?returnUrl=</c>: only local paths and the allowed origins, so /login is no open redirector.</summary>
public sealed class ReturnUrlTests
{
    private const string CorrelationCookiePrefix = "authapi.login.";

    [Theory]
    [InlineData("//evil.com")]
    [InlineData("/\\evil.com")]
    [InlineData("\\/evil.com")]
    [InlineData("https://evil.com")]
    [InlineData("/%2F/evil.com")]
    [InlineData("/%5Cevil.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://app.example.com.evil.com")]
    [InlineData("https://app.example.com@evil.com")]
    [InlineData("/%0d%0aSet-Cookie:x=y")]
    [InlineData("/\r\nSet-Cookie:x=y")]
    [InlineData("/\t/evil.com")]
    [InlineData("/%09/evil.com")]
    [InlineData("http://app.example.com/after")]
    [InlineData("https://app.example.com:8443/after")]
    [InlineData("https://app.example.com/\r\nSet-Cookie:x=y")]
    [InlineData("evil.com")]
    [InlineData("/.//evil.com")]
    [InlineData("/./\\evil.com")]
    [InlineData("/%2e//evil.com")]
    [InlineData("/a/..//evil.com")]
    [InlineData("/a\\b")]
    [InlineData("/a?next=\\evil.com")]
    public async Task LoginRejectsReturnUrlOutsideTheSiteAndSetsNoCookie(string returnUrl)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_return_url");
        Assert.Empty(response.SetCookies());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard?tab=1#x")]
    [InlineData(AuthApiFactory.AllowedOrigin + "/after")]
    public async Task LoginAcceptsLocalPathOrAllowedOriginAndRedirectsToTheProvider(string returnUrl)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(app.Provider.Issuer + "/authorize?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains(response.CookiesWritten(), name => name.StartsWith(CorrelationCookiePrefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/dashboard?tab=1#x")]
    [InlineData(AuthApiFactory.AllowedOrigin + "/after")]
    public async Task CallbackRedirectsExactlyToTheAcceptedReturnUrl(string returnUrl)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, query: "?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(returnUrl, callback.Headers.Location!.OriginalString);
        Assert.Contains("authapi.session", callback.CookiesWritten());
    }
}
