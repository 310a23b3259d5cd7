using System.Text;
using AuthApi.Contracts;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// Server-side sessions (<c>Auth:Session:Store=Redis</c>) on two instances behind one Redis: one small cookie whatever the
/// identity's size, the user's session list, ending one session or all of them. Run on one server and on a cluster.
/// </summary>
public abstract class RedisSessionStoreTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    [Fact]
    public async Task AnIdentityWithThreeHundredGroupsLogsInWithOneCookieUnderAKilobyte()
    {
        await using var app = NewApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, ChunkedSessionTests.GrantWithGroups(300));
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");

        var written = Assert.Single(callback.ParsedSetCookies(), cookie => !cookie.IsDeletion);
        Assert.Equal("authapi.session", written.Name);
        Assert.InRange(Encoding.UTF8.GetByteCount(written.Header), 1, 1023);
        Assert.Equal(300, me.GetProperty("claims").GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task TheStoreHoldsTheSessionEncrypted()
    {
        await using var app = NewApp();

        var grant = new Grant();

        await app.LoginAsync(app.CreateBrowser(), grant);

        var key = Assert.Single(await Redis.KeysAsync("authapi:session:*"));
        var stored = string.Join("\n", (await Redis.Database.HashGetAllAsync(key)).Select(field => field.Value.ToString()));
        Assert.DoesNotContain(grant.AccessToken, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(grant.RefreshToken!, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Lovelace", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionStartedOnOneInstanceIsReadListedAndRefreshedOnTheOther()
    {
        await using var app = NewApp();
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        var onB = TestApp.CreateBrowser(app.AddInstance(), cookies);
        onB.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");
        app.Time.Advance(TimeSpan.FromHours(2));

        var me = await onB.GetFromJsonAsync<JsonElement>("/me");
        var sessions = await onB.GetFromJsonAsync<List<ActiveSession>>("/me/sessions");
        var tokens = await onB.GetAsync("/me/tokens");

        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        var listed = Assert.Single(sessions!);
        Assert.True(listed.Current);
        Assert.Equal(me.GetProperty("logoutUrl").GetString(), $"/logout?sid={listed.Id}");
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Equal(1, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task TwentyConcurrentTokenReadsOfAnExpiredAccessTokenOnTwoInstancesCauseOneRefreshGrant()
    {
        await using var app = NewApp();
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        var browsers = new[] { TestApp.CreateBrowser(app.Factory, cookies), TestApp.CreateBrowser(app.AddInstance(), cookies) };
        app.Provider.RefreshDelay = TimeSpan.FromMilliseconds(300);
        app.Time.Advance(TimeSpan.FromHours(2));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => browsers[i % 2].GetAsync("/me/tokens")));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
        var afterwards = await browsers[1].GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.All(responses, (response, i) => Assert.True(response.StatusCode == HttpStatusCode.OK, bodies[i]));
        Assert.Equal(1, app.Provider.RefreshGrants);
        var accessToken = Assert.Single(bodies.Select(body => JsonDocument.Parse(body).RootElement.GetProperty("access").GetString()).Distinct());
        Assert.Equal(accessToken, afterwards.GetProperty("access").GetString());
    }

    [Fact]
    public async Task LogoutEverywhereOnOneInstanceEndsTheUsersSessionsOnTheOtherAndNoOtherUsers()
    {
        await using var app = NewApp();
        var b = app.AddInstance();
        var laptop = app.CreateBrowser();
        var phone = TestApp.CreateBrowser(b, new CookieContainer());
        var colleague = TestApp.CreateBrowser(b, new CookieContainer());
        await app.LoginAsync(laptop, new Grant { Subject = "ada" });
        await app.LoginAsync(phone, new Grant { Subject = "ada" });
        await app.LoginAsync(colleague, new Grant { Subject = "grace" });
        Assert.True(await phone.IsLoggedInAsync()); // B has read (and cached) the phone's session

        var logout = await laptop.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout?everywhere=true"));

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.False(await laptop.IsLoggedInAsync());
        Assert.True(await Eventually.IsTrueAsync(async () => !await phone.IsLoggedInAsync()));
        Assert.True(await colleague.IsLoggedInAsync());
        Assert.Equal(2, app.Provider.RevokedTokens.Count);
    }

    [Fact]
    public async Task EndingOneSessionByItsIdLogsOutThatBrowserOnly()
    {
        await using var app = NewApp();
        var laptop = app.CreateBrowser();
        var phone = app.CreateBrowser();
        await app.LoginAsync(laptop, new Grant { Subject = "ada" });
        await app.LoginAsync(phone, new Grant { Subject = "ada" });
        var phoneSession = (await laptop.GetFromJsonAsync<List<ActiveSession>>("/me/sessions"))!.Single(session => !session.Current);

        var end = await laptop.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Delete, $"/me/sessions/{phoneSession.Id}"));

        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        Assert.False(await phone.IsLoggedInAsync());
        Assert.True(await laptop.IsLoggedInAsync());
        Assert.Single((await laptop.GetFromJsonAsync<List<ActiveSession>>("/me/sessions"))!);
    }

    [Fact]
    public async Task AUserCannotEndAnotherUsersSessionByItsId()
    {
        await using var app = NewApp();
        var attacker = app.CreateBrowser();
        var victim = app.CreateBrowser();
        await app.LoginAsync(attacker, new Grant { Subject = "mallory" });
        await app.LoginAsync(victim, new Grant { Subject = "ada" });
        var victimSid = (await victim.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString()!["/logout?sid=".Length..];

        var end = await attacker.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Delete, $"/me/sessions/{victimSid}"));

        await ProblemAssert.IsAsync(end, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
        Assert.True(await victim.IsLoggedInAsync());
    }

    [Fact]
    public async Task EndingASessionNeedsTheAntiForgeryHeader()
    {
        await using var app = NewApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var id = (await browser.GetFromJsonAsync<List<ActiveSession>>("/me/sessions"))!.Single().Id;

        var end = await browser.DeleteAsync($"/me/sessions/{id}");

        await ProblemAssert.IsAsync(end, HttpStatusCode.Forbidden, ErrorCodes.CsrfHeaderMissing);
        Assert.True(await browser.IsLoggedInAsync());
    }

    [Fact]
    public async Task AnIdleSessionEndsInRedisAsInItsCookie()
    {
        await using var app = NewApp(settings => settings["Auth:Session:IdleTimeout"] = "00:30:00");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await browser.IsLoggedInAsync()); // activity slides the window to 20 + 30 minutes

        app.Time.Advance(TimeSpan.FromMinutes(29));
        var stillIn = await browser.IsLoggedInAsync();
        app.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.True(stillIn);
        Assert.False(await browser.IsLoggedInAsync());
    }

    private TestApp NewApp(Action<Dictionary<string, string?>>? configure = null) => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        configure?.Invoke(settings);
    });

    public sealed class OnOneServer() : RedisSessionStoreTests(null)
    {
        [Fact]
        public async Task SessionsOutliveARestartOfBothInstancesAndOfRedis()
        {
            var cookies = new CookieContainer();
            await using (var before = NewApp())
            {
                await before.LoginAsync(TestApp.CreateBrowser(before.Factory, cookies));
            }
            await Server.RestartAsync();

            await using var after = NewApp();
            var me = await TestApp.CreateBrowser(after.AddInstance(), cookies).GetFromJsonAsync<JsonElement>("/me");

            Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        }
    }

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : RedisSessionStoreTests(cluster);
}
