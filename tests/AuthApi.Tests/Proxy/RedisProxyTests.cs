using AuthApi.Contracts;

namespace AuthApi.Tests.Proxy;

/// <summary>The proxy on two instances sharing server-side sessions in Redis (<c>Auth:Session:Store=Redis</c>).</summary>
public abstract class RedisProxyTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    [Fact]
    public async Task ASessionStartedOnOneInstanceIsProxiedWithItsTokenByTheOther()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = NewApp(upstream);
        var cookies = new CookieContainer();
        var grant = new Grant();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies), grant);
        var onB = TestApp.CreateBrowser(app.AddInstance(), cookies);

        var response = await onB.SendProxiedAsync("/api/orders/7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.Equal("Bearer " + grant.AccessToken, received.Authorization);
        Assert.Null(received.Cookie);
    }

    [Fact]
    public async Task TwentyConcurrentCallsOnTwoInstancesWithAnExpiringTokenShareOneRefresh()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = NewApp(upstream);
        var cookies = new CookieContainer();
        var grant = new Grant();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies), grant);
        var browsers = new[] { TestApp.CreateBrowser(app.Factory, cookies), TestApp.CreateBrowser(app.AddInstance(), cookies) };
        app.Provider.RefreshDelay = TimeSpan.FromMilliseconds(300);
        app.Time.Advance(TimeSpan.FromMinutes(59.5));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => browsers[i % 2].SendProxiedAsync("/api/orders/7")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, app.Provider.RefreshGrants);
        var sent = Assert.Single(upstream.Received.Select(request => request.Authorization).Distinct());
        Assert.NotEqual("Bearer " + grant.AccessToken, sent);
    }

    private TestApp NewApp(TestUpstream upstream) => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url);
    });

    public sealed class OnOneServer() : RedisProxyTests(null)
    {
        [Fact]
        public async Task WhileRedisIsPausedAProxiedCallIsSessionStoreUnavailableAndNeverReachesTheUpstream()
        {
            await using var upstream = await TestUpstream.StartAsync();
            await using var app = NewApp(upstream);
            var cookies = new CookieContainer();
            await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
            var onB = TestApp.CreateBrowser(app.AddInstance(), cookies);
            await onB.GetAsync("/healthz"); // started, but has read no session

            Server.Pause();
            var response = await onB.SendProxiedAsync("/api/orders/7");
            Server.Resume();

            await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
            Assert.True(response.Headers.Contains("Retry-After"));
            Assert.Empty(upstream.Received);
        }
    }

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : RedisProxyTests(cluster);
}
