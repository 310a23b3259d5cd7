using AuthApi.Contracts;

namespace AuthApi.Tests.Http;

/// <summary>
/// With <c>Auth:Redis</c> the login rate limit counts in Redis, so a client behind a round-robin balancer gets
/// <c>Auth:RateLimit:PermitsPerMinute</c> over all instances, not that many per instance; while Redis is away each instance
/// counts on its own. Run on one server and on a cluster.
/// </summary>
public abstract class SharedRateLimitTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    private const string PerInstanceLine = "each instance counts Auth:RateLimit:PermitsPerMinute on its own";
    private const string SharedAgainLine = "every instance shares Auth:RateLimit:PermitsPerMinute";
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoInstancesOnOneRedisShareOneLimit()
    {
        await using var app = CreateApp(permitsPerMinute: 4);
        var (onA, onB) = BrowsersOnTwoInstances(app);
        var passed = new[] { await onA.GetAsync("/login"), await onB.GetAsync("/login"), await onA.GetAsync("/login"), await onB.GetAsync("/oauth2callback") };

        var limited = await onA.GetAsync("/login");
        var limitedOnB = await onB.GetAsync("/login");

        Assert.All(passed, answer => Assert.Equal(HttpStatusCode.Found, answer.StatusCode));
        await ProblemAssert.IsAsync(limited, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        await ProblemAssert.IsAsync(limitedOnB, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task TheSharedWindowEndsForBothInstancesAMinuteLater()
    {
        await using var app = CreateApp(permitsPerMinute: 2);
        var (onA, onB) = BrowsersOnTwoInstances(app);
        await onA.GetAsync("/login");
        await onB.GetAsync("/login");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.GetAsync("/login")).StatusCode);

        app.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Found, (await onA.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await onB.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onB.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task DifferentClientAddressesDoNotShareAWindow()
    {
        await using var app = CreateApp(permitsPerMinute: 2);
        var first = app.CreateBrowserFrom("203.0.113.10");
        var second = app.CreateBrowserFrom("203.0.113.20");
        await first.GetAsync("/login");
        await first.GetAsync("/login");

        var firstAgain = await first.GetAsync("/login");
        var secondsFirst = await second.GetAsync("/login");

        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Found, secondsFirst.StatusCode);
        Assert.Equal(2, (await Redis.KeysAsync("authapi:login-rate:*")).Count);
    }

    private TestApp CreateApp(int permitsPerMinute) => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:RateLimit:PermitsPerMinute"] = permitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
    });

    private static (HttpClient OnA, HttpClient OnB) BrowsersOnTwoInstances(TestApp app) =>
        (app.CreateBareClient(), app.AddInstance().CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }));

    public sealed class OnOneServer() : SharedRateLimitTests(null)
    {
        [Fact]
        public async Task WhileRedisIsPausedEachInstanceLimitsOnItsOwnAndSaysSoOnceThenSharesAgain()
        {
            await using var app = CreateApp(permitsPerMinute: 2);
            var b = app.AddInstance();
            var onA = app.CreateBareClient();
            var onB = b.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
            await onA.GetAsync("/login");
            await onB.GetAsync("/login"); // the shared window is used up

            Server.Pause();
            var paused = new[] { await onA.GetAsync("/login"), await onA.GetAsync("/login"), await onB.GetAsync("/login") };
            var limited = await onA.GetAsync("/login");
            Server.Resume();

            Assert.All(paused, answer => Assert.Equal(HttpStatusCode.Found, answer.StatusCode));
            await ProblemAssert.IsAsync(limited, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
            Assert.Single(app.Factory.Logs.Lines, line => line.Contains(PerInstanceLine, StringComparison.Ordinal));
            Assert.Single(b.Logs.Lines, line => line.Contains(PerInstanceLine, StringComparison.Ordinal));

            Assert.True(await Eventually.IsTrueAsync(async () => (await onA.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, Recovery));
            app.Time.Advance(TimeSpan.FromMinutes(1)); // a new shared window; A's own one is still used up
            Assert.Equal(HttpStatusCode.Found, (await onA.GetAsync("/login")).StatusCode);
            Assert.Equal(HttpStatusCode.Found, (await onB.GetAsync("/login")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.GetAsync("/login")).StatusCode);
            Assert.Single(app.Factory.Logs.Lines, line => line.Contains(SharedAgainLine, StringComparison.Ordinal));
        }
    }

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : SharedRateLimitTests(cluster);
}
