using AuthApi.Contracts;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// Redis paused mid-run (SIGSTOP: connections stay open, nothing answers): no 500 anywhere, session reads answer 503
/// <c>session_store_unavailable</c> with <c>Retry-After</c> rather than a false "logged out", <c>/readyz</c> names Redis, and
/// everything works again by itself once Redis resumes.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task WhileRedisIsPausedSessionsAnswer503AndLoginsFailCleanlyThenAllRecovers()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Redis"] = _redis.ConnectionString;
            settings["Auth:Session:Store"] = "Redis";
        });
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var newcomer = app.CreateBrowser();
        var otherInstance = TestApp.CreateBrowser(app.AddInstance(), new CookieContainer());
        await otherInstance.GetAsync("/healthz"); // started, but has read no session

        _redis.Pause();
        var tokens = await browser.GetAsync("/me/tokens");
        var sessions = await browser.GetAsync("/me/sessions");
        var logout = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        var ready = await browser.GetAsync("/readyz");
        var login = await app.LoginAsync(newcomer);
        _redis.Resume();

        await AssertSessionStoreUnavailableAsync(tokens);
        await AssertSessionStoreUnavailableAsync(sessions);
        await AssertSessionStoreUnavailableAsync(logout);
        var readiness = await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
        Assert.Equal("unreachable", readiness.GetProperty("redis").GetString());
        Assert.Contains("Redis", readiness.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.SessionStoreUnavailable, login.Headers.Location!.Query()["auth_error"]);
        Assert.DoesNotContain(login.CookiesWritten(), name => name.StartsWith("authapi.session", StringComparison.Ordinal));

        Assert.True(await Eventually.IsTrueAsync(async () => (await browser.GetAsync("/me/tokens")).StatusCode == HttpStatusCode.OK, Recovery));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await app.LoginAsync(newcomer)).StatusCode);
        Assert.True((await newcomer.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task ABrowserNavigatingToLoginOnAnInstanceThatCannotReachRedisSeesThePageAndTheLogNoStackTrace()
    {
        await using var app = new TestApp(settings => settings["Auth:Redis"] = _redis.ConnectionString);
        _redis.Pause();
        var navigation = new HttpRequestMessage(HttpMethod.Get, "/login");
        navigation.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        var response = await app.CreateBareClient().SendAsync(navigation);
        _redis.Resume();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<code>{ErrorCodes.SessionStoreUnavailable}</code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhileRedisIsPausedCookieSessionsAnswer503RatherThanMissAnEndedSession()
    {
        await using var app = new TestApp(settings => settings["Auth:Redis"] = _redis.ConnectionString);
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        var onB = TestApp.CreateBrowser(app.AddInstance(), cookies); // has not looked up this session yet

        _redis.Pause();
        var me = await onB.GetAsync("/me");
        _redis.Resume();

        await AssertSessionStoreUnavailableAsync(me);
        Assert.True(await Eventually.IsTrueAsync(async () => (await onB.GetAsync("/me")).StatusCode == HttpStatusCode.OK, Recovery));
        Assert.True((await onB.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task AnInstanceStartedWhileRedisIsDownStartsAndJoinsInOnceRedisIsBack()
    {
        await using var app = new TestApp(settings => settings["Auth:Redis"] = _redis.ConnectionString);
        _redis.Pause();
        var b = app.AddInstance();
        var onB = b.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var alive = await onB.GetAsync("/healthz");
        var ready = await onB.GetAsync("/readyz");
        _redis.Resume();

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
        Assert.True(await Eventually.IsTrueAsync(async () => (await onB.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, Recovery));
        var onA = app.CreateBrowser(out var jar);
        await app.LoginAsync(onA);
        var copied = jar.Copy();
        Assert.True(await onB.IsLoggedInAsync(copied)); // B reads A's cookie (shared keys) and caches the session as live
        await onA.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        Assert.True(await Eventually.IsTrueAsync(async () => !await onB.IsLoggedInAsync(copied))); // B subscribed once Redis was back
    }

    private static async Task AssertSessionStoreUnavailableAsync(HttpResponseMessage response)
    {
        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
    }
}
