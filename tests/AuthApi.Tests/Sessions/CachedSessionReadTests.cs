namespace AuthApi.Tests.Sessions;

/// <summary>
/// A session cookie this instance has decrypted before is read from its cache, and still checked on every read: an expired,
/// idle, ended, tampered or cut copy reads as anonymous on the very next request after a read that warmed the cache.
/// </summary>
public sealed class CachedSessionReadTests
{
    private const string AnonymousBody = """{"isLoggedIn":false}""";

    [Fact]
    public async Task CachedSessionPastItsAbsoluteLifetimeReadsAsAnonymous()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:AbsoluteLifetime"] = "01:00:00");
        var cookies = await LoginAndReadOnceAsync(app);
        app.Time.Advance(TimeSpan.FromMinutes(61));

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
        Assert.Contains("authapi.session", response.DeletedCookies());
    }

    [Fact]
    public async Task CachedSessionPastItsIdleTimeoutReadsAsAnonymous()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:IdleTimeout"] = "00:30:00");
        var cookies = await LoginAndReadOnceAsync(app);
        app.Time.Advance(TimeSpan.FromMinutes(31));

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CachedCopyOfASessionEndedByLogoutReadsAsAnonymous()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var jar);
        await app.LoginAsync(browser);
        var stolen = jar.Copy();
        Assert.True(await app.CreateBareClient().IsLoggedInAsync(stolen));

        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));

        Assert.False(await app.CreateBareClient().IsLoggedInAsync(stolen));
    }

    [Fact]
    public async Task TamperedCopyOfACachedCookieReadsAsAnonymous()
    {
        await using var app = new TestApp();
        var cookies = await LoginAndReadOnceAsync(app);
        var value = cookies["authapi.session"];
        cookies["authapi.session"] = string.Concat(value.AsSpan(0, value.Length / 2), value[value.Length / 2] == 'A' ? "B" : "A", value.AsSpan(value.Length / 2 + 1));

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CachedChunkedIdentityWithAChunkMissingReadsAsAnonymous()
    {
        await using var app = new TestApp();
        var cookies = await LoginAndReadOnceAsync(app, ChunkedSessionTests.GrantWithGroups(300));
        cookies.Remove("authapi.sessionC2");

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Logs in and reads <c>/me</c> once with the cookies, so this instance has decrypted (and cached) them.</summary>
    private static async Task<Dictionary<string, string>> LoginAndReadOnceAsync(TestApp app, Grant? grant = null)
    {
        var cookies = (await app.LoginAsync(app.CreateBrowser(), grant)).WrittenCookies();
        Assert.True(await app.CreateBareClient().IsLoggedInAsync([.. cookies]));
        return cookies;
    }
}
