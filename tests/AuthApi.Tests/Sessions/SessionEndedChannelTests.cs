namespace AuthApi.Tests.Sessions;

/// <summary>
/// The "session ended" channel's connection breaking: messages sent while it is down never arrive, so an instance must not
/// serve from its read cache what it cannot hear end.
/// </summary>
public sealed class SessionEndedChannelTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ASessionEndedWhileTheOtherInstancesSubscriptionIsDownIsNotServedFromItsCache()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Redis"] = _redis.ConnectionString;
            settings["Auth:Session:Store"] = "Redis";
        });
        var cookies = new CookieContainer();
        var onA = TestApp.CreateBrowser(app.Factory, cookies);
        await app.LoginAsync(onA);
        var onB = TestApp.CreateBrowser(app.AddInstance(), cookies);
        Assert.True(await onB.IsLoggedInAsync()); // B has read (and cached) the session

        // As on a cluster whose node holding the subscriptions died: they break, and cannot be made again at once (no new
        // connection is accepted), while the connections that read and write stay up.
        await _redis.Database.ExecuteAsync("CONFIG", "SET", "maxclients", "1");
        await _redis.Database.ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        var logout = await onA.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        var readOnB = await onB.IsLoggedInAsync();
        await _redis.Database.ExecuteAsync("CONFIG", "SET", "maxclients", "10000");

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.False(readOnB);
    }
}
