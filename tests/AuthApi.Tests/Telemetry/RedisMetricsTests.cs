using AuthApi.Contracts;

namespace AuthApi.Tests.Telemetry;

/// <summary>
/// The metrics of the Redis store (<c>Auth:Session:Store=Redis</c>) with a real Redis: the <c>authapi.sessions.active</c> gauge and
/// the logouts only server-side sessions have (everywhere, back-channel, from the session list).
/// </summary>
public abstract class RedisMetricsTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    /// <summary>
    /// How old a count may be. Each observation here first lets that much time pass: another test's Prometheus exporter reads
    /// every meter named AuthApi in the process, this one's too, and may have counted before this test's logins.
    /// </summary>
    private static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task TheActiveSessionsGaugeCountsTheSessionsOfEveryInstanceThatHaveNotEnded()
    {
        await using var app = NewApp(settings => settings["Auth:Session:IdleTimeout"] = "00:30:00");
        using var gauge = app.Collect("authapi.sessions.active");
        var active = app.CreateBrowser();
        var idle = app.CreateBrowser();
        var loggedOut = TestApp.CreateBrowser(app.AddInstance(), new CookieContainer());
        await app.LoginAsync(active);
        await app.LoginAsync(idle);
        await app.LoginAsync(loggedOut);
        app.Time.Advance(CountInterval);
        gauge.RecordObservableInstruments();
        var atFirst = gauge.LastMeasurement?.Value;

        await loggedOut.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        app.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await active.IsLoggedInAsync()); // slides its idle end to 50 minutes from the start
        app.Time.Advance(TimeSpan.FromMinutes(20)); // past the idle end of the other one, at 30
        gauge.RecordObservableInstruments();

        Assert.Equal(3, atFirst);
        Assert.Equal(1, gauge.LastMeasurement?.Value);
        Assert.Equal(1, await ActiveSessionIdsAsync()); // the expired ID was dropped too
    }

    [Fact]
    public async Task TheActiveSessionsAreCountedInRedisAtMostEveryFifteenSeconds()
    {
        await using var app = NewApp();
        using var gauge = app.Collect("authapi.sessions.active");
        await app.LoginAsync(app.CreateBrowser());
        app.Time.Advance(CountInterval);
        gauge.RecordObservableInstruments();
        await app.LoginAsync(app.CreateBrowser());

        gauge.RecordObservableInstruments();
        var withinTheInterval = gauge.LastMeasurement?.Value;
        app.Time.Advance(CountInterval);
        gauge.RecordObservableInstruments();

        Assert.Equal(1, withinTheInterval);
        Assert.Equal(2, gauge.LastMeasurement?.Value);
    }

    [Fact]
    public async Task LogoutsEverywhereFromTheSessionListAndByBackChannelAreCountedByKind()
    {
        await using var app = NewApp();
        using var logouts = app.Collect("authapi.logouts");
        var first = app.CreateBrowser();
        await app.LoginAsync(first, new Grant { Subject = "user-1" });
        await app.LoginAsync(app.CreateBrowser(), new Grant { Subject = "user-1" });
        var lister = app.CreateBrowser();
        await app.LoginAsync(lister, new Grant { Subject = "user-2" });
        await app.LoginAsync(app.CreateBrowser(), new Grant { Subject = "user-2" });
        await app.LoginAsync(app.CreateBrowser(), new Grant { Subject = "user-3", Claims = { ["sid"] = "provider-session" } });

        await first.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout?everywhere=true"));
        var other = (await lister.GetFromJsonAsync<List<ActiveSession>>("/me/sessions"))!.Single(session => !session.Current);
        await lister.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Delete, $"/me/sessions/{other.Id}"));
        var backChannel = await app.CreateBareClient().PostAsync("/backchannel-logout",
            LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, "user-3", "provider-session"))));

        Assert.Equal(HttpStatusCode.OK, backChannel.StatusCode);
        Assert.Equal(1, logouts.Sum(("kind", "everywhere"), ("provider", AuthApiFactory.ProviderName)));
        Assert.Equal(1, logouts.Sum(("kind", "list"), ("provider", AuthApiFactory.ProviderName)));
        Assert.Equal(1, logouts.Sum(("kind", "back-channel"), ("provider", AuthApiFactory.ProviderName)));
        Assert.Equal(3, logouts.Sum());
    }

    /// <summary>The IDs in every shard of the active-session index.</summary>
    private async Task<long> ActiveSessionIdsAsync()
    {
        var shards = await Redis.KeysAsync("authapi:active-sessions:*");
        var lengths = await Task.WhenAll(shards.Select(shard => Redis.Database.SortedSetLengthAsync(shard)));
        return lengths.Sum();
    }

    private TestApp NewApp(Action<Dictionary<string, string?>>? configure = null) => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        configure?.Invoke(settings);
    });

    public sealed class OnOneServer() : RedisMetricsTests(null);

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : RedisMetricsTests(cluster);
}
