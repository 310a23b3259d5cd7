using AuthApi.Contracts;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// Cookie sessions with <c>Auth:Redis</c>, on two instances behind one Redis: the Data Protection keys, the ended-session list
/// and the refresh lock are shared, so it does not matter which instance a request reaches.
/// </summary>
public abstract class RedisSharedCookieSessionTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    [Fact]
    public async Task ASessionStartedOnOneInstanceIsReadByTheOther()
    {
        await using var app = new TestApp(settings => settings["Auth:Redis"] = Redis.ConnectionString);
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));

        var me = await TestApp.CreateBrowser(app.AddInstance(), cookies).GetFromJsonAsync<JsonElement>("/me");

        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Single(await Redis.KeysAsync("authapi:data-protection-keys"));
    }

    [Fact]
    public async Task ALogoutOnOneInstanceEndsACopyOfTheCookiesOnTheOther()
    {
        await using var app = new TestApp(settings => settings["Auth:Redis"] = Redis.ConnectionString);
        var cookies = new CookieContainer();
        var onA = TestApp.CreateBrowser(app.Factory, cookies);
        await app.LoginAsync(onA);
        var stolen = cookies.Copy();
        var b = app.AddInstance();
        var thief = b.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.True(await thief.IsLoggedInAsync(stolen)); // B has read (and cached) the session

        await onA.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));

        Assert.True(await Eventually.IsTrueAsync(async () => !await thief.IsLoggedInAsync(stolen)));
        await ProblemAssert.IsAsync(await thief.GetWithCookiesAsync("/me/tokens", stolen), HttpStatusCode.Unauthorized, ErrorCodes.NotAuthenticated);
    }

    [Fact]
    public async Task TwentyConcurrentTokenReadsOfAnExpiredAccessTokenOnTwoInstancesCauseOneRefreshGrant()
    {
        await using var app = new TestApp(settings => settings["Auth:Redis"] = Redis.ConnectionString);
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        var session = cookies.Copy();
        var instances = new[] { app.Factory, app.AddInstance() }
            .Select(instance => instance.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }))
            .ToArray();
        app.Provider.RefreshDelay = TimeSpan.FromMilliseconds(300); // every caller arrives while the grant is in flight
        app.Time.Advance(TimeSpan.FromHours(2));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => instances[i % 2].GetWithCookiesAsync("/me/tokens", session)));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));

        Assert.All(responses, (response, i) => Assert.True(response.StatusCode == HttpStatusCode.OK, bodies[i]));
        var accessTokens = bodies.Select(body => JsonDocument.Parse(body).RootElement.GetProperty("access").GetString());
        Assert.Equal(1, app.Provider.RefreshGrants);
        Assert.Single(accessTokens.Distinct());
    }

    public sealed class OnOneServer() : RedisSharedCookieSessionTests(null);

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : RedisSharedCookieSessionTests(cluster);
}
