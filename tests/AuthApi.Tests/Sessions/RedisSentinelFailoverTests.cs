using AuthApi.Contracts;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// Redis behind Sentinel loses its primary (kill -9) and the sentinels promote the replica: while they do, every session
/// read answers 200 or 503 <c>session_store_unavailable</c> with <c>Retry-After</c>, never 500 and never a false "logged
/// out"; afterwards everything works again by itself, with what was written before the failover.
/// </summary>
public sealed class RedisSentinelFailoverTests : IAsyncLifetime
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    /// <summary>How long answers are watched once the old primary is back: a client that would read it reconnects within a second.</summary>
    private static readonly TimeSpan OldPrimaryBack = TimeSpan.FromSeconds(3);

    private RedisSentinelSet _sentinels = null!;

    public async Task InitializeAsync() => _sentinels = await RedisSentinelSet.StartAsync();

    public async Task DisposeAsync() => await _sentinels.DisposeAsync();

    [Fact]
    public async Task ServerSideSessionsOnTwoInstancesOutliveAFailoverAndTheOldPrimaryRestartingEmptyAnsweringOnly200Or503()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Redis"] = _sentinels.ConnectionString;
            settings["Auth:Session:Store"] = "Redis";
        });
        var b = app.AddInstance();
        var browsers = new List<HttpClient>();
        var jars = new List<CookieContainer>();
        for (var i = 0; i < 3; i++)
        {
            var cookies = new CookieContainer();
            jars.Add(cookies);
            await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies), new Grant { Subject = $"user-{i}" });
            browsers.Add(TestApp.CreateBrowser(app.Factory, cookies));
            browsers.Add(TestApp.CreateBrowser(b, cookies));
        }
        await _sentinels.WaitForReplicaAsync();

        await using var watch = FailoverWatch.Start(browsers.SelectMany((browser, i) => new[]
        {
            new FailoverProbe($"/me of browser {i}", () => browser.GetAsync("/me"), IsLoggedIn),
            new FailoverProbe($"/me/tokens of browser {i}", () => browser.GetAsync("/me/tokens"), HasAccessToken),
        }));
        await _sentinels.KillPrimaryAsync();
        await _sentinels.WaitForNewPrimaryAsync();
        var recovered = await Eventually.IsTrueAsync(() => AllLoggedInAsync(browsers), Recovery);
        await _sentinels.RestartKilledPrimaryAsync();
        await Task.Delay(OldPrimaryBack);
        await watch.StopAsync();

        Assert.True(watch.Wrong.Count == 0, string.Join("\n", watch.Wrong.Take(10)));
        Assert.True(recovered, "The sessions written before the failover did not all read as logged in within 30 s.");
        var newcomer = TestApp.CreateBrowser(b, new CookieContainer());
        Assert.Equal(HttpStatusCode.Found, (await app.LoginAsync(newcomer)).StatusCode);
        Assert.True(await newcomer.IsLoggedInAsync());
        var copyOnB = b.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var stolen = jars[0].Copy();
        Assert.True(await copyOnB.IsLoggedInAsync(stolen)); // B has read (and cached) the session since the failover
        Assert.Equal(HttpStatusCode.OK, (await browsers[0].SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"))).StatusCode);
        Assert.True(await Eventually.IsTrueAsync(async () => !await copyOnB.IsLoggedInAsync(stolen))); // B resubscribed after the failover
    }

    [Fact]
    public async Task CookieSessionsKeepTheirLogoutsAndRefreshLockThroughAFailover()
    {
        await using var app = new TestApp(settings => settings["Auth:Redis"] = _sentinels.ConnectionString);
        var b = app.AddInstance();
        var instances = new[] { app.Factory, b }.Select(instance => instance.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false })).ToArray();
        var leaving = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, leaving));
        var stolen = leaving.Copy();
        await TestApp.CreateBrowser(app.Factory, leaving).SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        var staying = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, staying));
        var session = staying.Copy();
        await _sentinels.WaitForReplicaAsync();

        await using var watch = FailoverWatch.Start(instances.SelectMany((instance, i) => new[]
        {
            new FailoverProbe($"/me on instance {i}", () => instance.GetWithCookiesAsync("/me", session), IsLoggedIn),
            new FailoverProbe($"/me/tokens on instance {i}", () => instance.GetWithCookiesAsync("/me/tokens", session), HasAccessToken),
            new FailoverProbe($"/me of the logged-out copy on instance {i}", () => instance.GetWithCookiesAsync("/me", stolen), me => !IsLoggedIn(me)),
        }));
        await _sentinels.KillPrimaryAsync();
        await _sentinels.WaitForNewPrimaryAsync();
        var recovered = await Eventually.IsTrueAsync(
            async () => await IsLoggedInAsync(instances[0].GetWithCookiesAsync("/me", session)) && await IsLoggedInAsync(instances[1].GetWithCookiesAsync("/me", session)),
            Recovery);
        await watch.StopAsync();

        Assert.True(watch.Wrong.Count == 0, string.Join("\n", watch.Wrong.Take(10)));
        Assert.True(recovered, "The session did not read as logged in again within 30 s.");
        var newcomer = app.AddInstance().CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.False(await newcomer.IsLoggedInAsync(stolen)); // the ended-session list came through the failover
        app.Provider.RefreshDelay = TimeSpan.FromMilliseconds(300); // every caller arrives while the grant is in flight
        app.Time.Advance(TimeSpan.FromHours(2));
        var refreshes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => instances[i % 2].GetWithCookiesAsync("/me/tokens", session)));
        Assert.All(refreshes, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task AnInstanceStartedWhileNoSentinelAnswersAnswers503ThenJoinsInOnceTheyAreBack()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Redis"] = _sentinels.ConnectionString;
            settings["Auth:Session:Store"] = "Redis";
        });
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        await _sentinels.KillSentinelsAsync();
        var onB = app.AddInstance().CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var alive = await onB.GetAsync("/healthz");
        var ready = await onB.GetAsync("/readyz");
        var me = await onB.GetWithCookiesAsync("/me", cookies.Copy()); // B could not load the cookie keys from Redis yet
        await _sentinels.StartSentinelsAgainAsync();

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
        await ProblemAssert.IsAsync(me, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
        Assert.Empty(me.SetCookies());
        Assert.True(await Eventually.IsTrueAsync(async () => (await onB.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, Recovery));
        Assert.True(await onB.IsLoggedInAsync(cookies.Copy()));
    }

    private static bool IsLoggedIn(JsonElement me) => me.GetProperty("isLoggedIn").GetBoolean();

    private static bool HasAccessToken(JsonElement tokens) => tokens.TryGetProperty("access", out _);

    private static async Task<bool> AllLoggedInAsync(IEnumerable<HttpClient> browsers)
    {
        foreach (var browser in browsers)
        {
            if (!await IsLoggedInAsync(browser.GetAsync("/me")))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A 200 <c>/me</c> saying logged in (a 503 is not, yet).</summary>
    private static async Task<bool> IsLoggedInAsync(Task<HttpResponseMessage> me)
    {
        var response = await me;
        return response.StatusCode == HttpStatusCode.OK && IsLoggedIn(await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
