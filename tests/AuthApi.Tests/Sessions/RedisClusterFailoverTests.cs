namespace AuthApi.Tests.Sessions;

/// <summary>
/// Two instances on a Redis Cluster of their own (three primaries, a replica each), each starting from another node: a
/// session ended on one reaches the other by pub/sub, and a primary killed with SIGKILL is replaced by its replica with no
/// session lost, no 500 and no false "logged out" meanwhile.
/// </summary>
public sealed class RedisClusterFailoverTests : IAsyncLifetime
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ASessionEndedThroughOneNodeEndsOnAnInstanceConnectedThroughAnother()
    {
        await using var app = NewApp();
        var cookies = new CookieContainer();
        var onA = TestApp.CreateBrowser(app.Factory, cookies);
        await app.LoginAsync(onA);
        var onB = TestApp.CreateBrowser(app.AddInstance(settings => settings["Auth:Redis"] = _cluster.ConnectionStringVia(4)), cookies);
        Assert.True(await onB.IsLoggedInAsync()); // B has read (and cached) the session

        await onA.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));

        Assert.True(await Eventually.IsTrueAsync(async () => !await onB.IsLoggedInAsync()));
    }

    [Fact]
    public async Task SessionEndingsStillReachEveryInstanceAfterThePrimaryOfTheirChannelDied()
    {
        await using var app = NewApp();
        var b = app.AddInstance(settings => settings["Auth:Redis"] = _cluster.ConnectionStringVia(4));
        Assert.True(await AnEndingOnAReachesBAsync(app, b));
        await _cluster.WaitForReplicasAsync();

        await _cluster.KillPrimaryOfAsync("authapi:session-ended"); // where both instances publish
        await _cluster.WaitUntilServingAsync();

        Assert.True(await Eventually.IsTrueAsync(() => AnEndingOnAReachesBAsync(app, b), Recovery));
    }

    [Fact]
    public async Task APrimaryKilledWhileServingSessionsLosesNoneAndAnswersNo500()
    {
        await using var app = NewApp();
        var b = app.AddInstance(settings => settings["Auth:Redis"] = _cluster.ConnectionStringVia(4));
        var browsers = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            var browser = TestApp.CreateBrowser(i % 2 == 0 ? app.Factory : b, new CookieContainer());
            await app.LoginAsync(browser, new Grant { Subject = $"user-{i}" });
            browsers.Add(browser);
        }
        var victim = (await _cluster.KeysAsync("authapi:session:*")).First();
        await _cluster.WaitForReplicasAsync(); // replication is asynchronous: only what reached the replica survives

        await using var watch = FailoverWatch.Start(browsers.SelectMany((browser, i) => new[]
        {
            new FailoverProbe($"/me of browser {i}", () => browser.GetAsync("/me"), me => me.GetProperty("isLoggedIn").GetBoolean()),
            new FailoverProbe($"/me/tokens of browser {i}", () => browser.GetAsync("/me/tokens"), tokens => tokens.TryGetProperty("access", out _)),
        }));
        await _cluster.KillPrimaryOfAsync(victim);
        await _cluster.WaitUntilServingAsync();
        // Not cached as /me is: answered once the client has moved the killed primary's slots to its replica.
        var recovered = await Eventually.IsTrueAsync(async () => (await Task.WhenAll(browsers.Select(HasTokensAsync))).All(ok => ok), Recovery);
        await watch.StopAsync();

        Assert.True(watch.Wrong.Count == 0, string.Join("\n", watch.Wrong.Take(10)));
        Assert.True(recovered, "The sessions written before the failover did not all answer /me/tokens within 30 s.");
        app.Time.Advance(TimeSpan.FromHours(2)); // the access tokens expire: a refresh takes the session's lock on the new primary
        Assert.Equal(HttpStatusCode.OK, (await browsers[0].GetAsync("/me/tokens")).StatusCode);
        Assert.Equal(1, app.Provider.RefreshGrants);
        var newcomer = TestApp.CreateBrowser(b, new CookieContainer());
        Assert.True(await Eventually.IsTrueAsync(async () => (await app.LoginAsync(newcomer)).StatusCode == HttpStatusCode.Found && await newcomer.IsLoggedInAsync(), Recovery));
    }

    /// <summary>A logout on A ends the session B has just read and cached sooner than B's cache would forget it (5 s).</summary>
    private static async Task<bool> AnEndingOnAReachesBAsync(TestApp app, AuthApiFactory b)
    {
        var cookies = new CookieContainer();
        var onA = TestApp.CreateBrowser(app.Factory, cookies);
        var onB = TestApp.CreateBrowser(b, cookies);
        await app.LoginAsync(onA);
        return await onA.IsLoggedInAsync()
            && await onB.IsLoggedInAsync()
            && (await onA.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"))).IsSuccessStatusCode
            && await Eventually.IsTrueAsync(async () => !await onB.IsLoggedInAsync(), TimeSpan.FromSeconds(1));
    }

    private static async Task<bool> HasTokensAsync(HttpClient browser) => (await browser.GetAsync("/me/tokens")).StatusCode == HttpStatusCode.OK;

    private TestApp NewApp() => new(settings =>
    {
        settings["Auth:Redis"] = _cluster.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        settings["Auth:RateLimit:PermitsPerMinute"] = "0"; // the tests log in again and again until the cluster has recovered
    });
}
