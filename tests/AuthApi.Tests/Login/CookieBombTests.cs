namespace AuthApi.Tests.Login;

/// <summary>
/// The cookie bomb: a cross-site link whose <c>returnUrl</c> makes <c>/login</c> set more cookie bytes than servers and
/// proxies accept in a request, locking the browser out. Return URLs are capped, a login cookie never chunks, and the
/// pending logins of one browser are capped in bytes.
/// </summary>
public sealed class CookieBombTests
{
    private const string LoginCookiePrefix = "authapi.login.";

    [Fact]
    public async Task LinksWithHugeReturnUrlsAreRefusedAndTheBrowserCanStillCallMe()
    {
        await using var app = new TestApp();
        using var browser = app.StartOnKestrel();
        // As long as Kestrel's request line allows; JSON escaping made each backtick six bytes of cookie.
        var bomb = "/login?returnUrl=/" + new string('`', 2500);

        var first = await browser.GetAsync(bomb);
        var second = await browser.GetAsync(bomb);
        var me = await browser.GetAsync("/me");

        await ProblemAssert.IsAsync(first, HttpStatusCode.BadRequest, "invalid_return_url");
        await ProblemAssert.IsAsync(second, HttpStatusCode.BadRequest, "invalid_return_url");
        Assert.Empty(first.SetCookies());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task AReturnUrlWithinTheLengthLimitThatWouldNotFitOneCookieIsRefused()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        // '"' is escaped in JSON (two bytes), so this transaction needs more than one cookie.
        var login = await browser.GetAsync("/login?returnUrl=/" + Uri.EscapeDataString(new string('"', 2000)));

        await ProblemAssert.IsAsync(login, HttpStatusCode.BadRequest, "invalid_return_url");
        Assert.Empty(login.SetCookies());
    }

    [Fact]
    public async Task ALongReturnUrlOfHtmlSensitiveCharactersFitsOneLoginCookie()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var returnUrl = "/" + new string('`', 1000) + new string('<', 1000);

        var login = await browser.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var callback = await app.CompleteLoginAsync(browser, login.Headers.Location!);

        var cookie = Assert.Single(login.ParsedSetCookies());
        Assert.StartsWith(LoginCookiePrefix, cookie.Name, StringComparison.Ordinal);
        Assert.DoesNotContain("chunks-", cookie.Value, StringComparison.Ordinal);
        Assert.InRange(cookie.Header.Length, 1, 4096);
        Assert.Equal(returnUrl, Uri.UnescapeDataString(callback.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task RepeatedLoginsWithLongReturnUrlsKeepTheLoginCookiesSmall()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var cookies);
        var returnUrl = "/" + new string('a', 2000);

        for (var i = 0; i < 8; i++)
        {
            var login = await browser.GetAsync("/login?returnUrl=" + returnUrl);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var loginCookies = cookies.GetAllCookies().Where(cookie => cookie.Name.StartsWith(LoginCookiePrefix, StringComparison.Ordinal)).ToList();
        Assert.InRange(loginCookies.Sum(cookie => cookie.Name.Length + cookie.Value.Length + 3), 1, 8 * 1024);
    }
}
