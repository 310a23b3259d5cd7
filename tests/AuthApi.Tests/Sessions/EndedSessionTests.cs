using AuthApi.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// A logout (or a refresh the provider refuses) ends the session itself, not only this browser's copy of its cookies:
/// cookies copied before read as anonymous afterwards, until the session would have expired anyway.
/// </summary>
public sealed class EndedSessionTests
{
    [Fact]
    public async Task CookiesCopiedBeforeAPostLogoutReadAsAnonymousAfterIt()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var jar);
        await app.LoginAsync(browser);
        var stolen = jar.Copy();

        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));

        await AssertAnonymousAsync(app, stolen);
    }

    [Fact]
    public async Task CookiesCopiedBeforeALogoutLinkReadAsAnonymousAfterIt()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var jar);
        await app.LoginAsync(browser);
        var stolen = jar.Copy();
        var logoutUrl = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString()!;

        await browser.GetAsync(logoutUrl);

        await AssertAnonymousAsync(app, stolen);
    }

    [Fact]
    public async Task CookiesCopiedBeforeARefusedRefreshReadAsAnonymousAfterIt()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var jar);
        await app.LoginAsync(browser);
        var stolen = jar.Copy();
        app.Provider.RevokeAllRefreshTokens();

        var refresh = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));

        await ProblemAssert.IsAsync(refresh, HttpStatusCode.Unauthorized, "session_ended");
        await AssertAnonymousAsync(app, stolen);
    }

    [Fact]
    public async Task AnEndedSessionIsForgottenOnceItWouldHaveExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ended = new ExpiringSet(time);
        for (var i = 0; i < 2048; i++)
        {
            ended.TryAdd($"session-{i}", time.GetUtcNow().AddMinutes(1));
        }

        time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 1024; i++)
        {
            ended.TryAdd($"later-{i}", time.GetUtcNow().AddMinutes(1));
        }

        Assert.False(ended.Contains("session-0"));
        Assert.True(ended.Contains("later-0"));
        Assert.Equal(1024, ended.Count);
    }

    private static async Task AssertAnonymousAsync(TestApp app, IReadOnlyList<KeyValuePair<string, string>> cookies)
    {
        var client = app.CreateBareClient();
        var me = await (await client.GetWithCookiesAsync("/me", cookies)).Content.ReadFromJsonAsync<JsonElement>();
        var tokens = await client.GetWithCookiesAsync("/me/tokens", cookies);

        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
        await ProblemAssert.IsAsync(tokens, HttpStatusCode.Unauthorized, "not_authenticated");
    }
}
