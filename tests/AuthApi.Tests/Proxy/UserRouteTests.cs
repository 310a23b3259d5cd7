using Microsoft.AspNetCore.Http;

namespace AuthApi.Tests.Proxy;

/// <summary>A <c>Token=User</c> route: session, anti-forgery header, the session's access token upstream, refresh first when due.</summary>
public sealed class UserRouteTests
{
    [Fact]
    public async Task TheUpstreamGetsTheSessionsAccessTokenAsBearer()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/7");
        request.Headers.Add("X-CSRF", "1");
        request.Headers.Authorization = new("Bearer", "forged-by-the-browser");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"from":"upstream"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer " + grant.AccessToken, Assert.Single(upstream.Received).Authorization);
    }

    [Fact]
    public async Task NoAuthApiCookieAndNoAntiForgeryHeaderReachTheUpstreamButOtherCookiesDo()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser(out var cookies);
        await app.LoginAsync(browser);
        await browser.StartLoginAsync(); // a pending login's cookie as well
        cookies.Add(new Uri("http://localhost"), new Cookie("theme", "dark"));
        Assert.Contains(cookies.GetAllCookies(), cookie => cookie.Name.StartsWith("authapi.login.", StringComparison.Ordinal));
        Assert.Contains(cookies.GetAllCookies(), cookie => cookie.Name == "authapi.session");

        var response = await browser.SendProxiedAsync("/api/orders/7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.Equal("theme=dark", received.Cookie);
        Assert.False(received.HasCsrfHeader);
    }

    [Fact]
    public async Task AnAnonymousCallIsNotAuthenticatedAndNeverReachesTheUpstream()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));

        var response = await app.CreateBrowser().SendProxiedAsync("/api/orders/7");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "not_authenticated");
        Assert.Empty(upstream.Received);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task ACallWithoutTheAntiForgeryHeaderIsForbiddenAndNeverReachesTheUpstream(string method)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/api/orders/7", csrf: false, method: new HttpMethod(method));

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "csrf_header_missing");
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task TwentyConcurrentCallsWithAnExpiringTokenShareOneRefreshAndSendTheNewToken()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        using var proxyRefreshes = app.Collect("authapi.proxy.token_refreshes");
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);
        app.Time.Advance(TimeSpan.FromMinutes(59.5));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => browser.SendProxiedAsync("/api/orders/7")));
        var current = (await browser.GetFromJsonAsync<JsonElement>("/me/tokens")).GetProperty("access").GetString();

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, app.Provider.RefreshGrants);
        var sent = Assert.Single(upstream.Received.Select(request => request.Authorization).Distinct());
        Assert.NotEqual("Bearer " + grant.AccessToken, sent);
        Assert.Equal("Bearer " + current, sent);
        // Calls that left after the first answer may already carry the rotated cookie and need no refresh.
        Assert.InRange(proxyRefreshes.Sum(("route", "orders"), ("outcome", "refreshed")), 1, 20);
    }

    [Fact]
    public async Task TheRefreshedTokensReachTheBrowserSoTheNextCallNeedsNoRefresh()
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = context =>
        {
            context.Response.Headers.Append("Set-Cookie", "cart=3; Path=/");
            return Task.CompletedTask;
        };
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Time.Advance(TimeSpan.FromMinutes(59.5));

        var first = await browser.SendProxiedAsync("/api/orders/7");
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var second = await browser.SendProxiedAsync("/api/orders/8");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("cart=", StringComparison.Ordinal));
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("authapi.tokens=", StringComparison.Ordinal));
        Assert.Equal(1, app.Provider.RefreshGrants);
        var sent = upstream.Received.Select(request => request.Authorization).ToList();
        Assert.Equal(sent[0], sent[1]);
    }

    [Fact]
    public async Task TheRefreshedTokensReachTheBrowserEvenWhenTheUpstreamIsUnreachable()
    {
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", "http://127.0.0.1:1/"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Time.Advance(TimeSpan.FromMinutes(59.5));

        var failed = await browser.SendProxiedAsync("/api/orders/7");
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var tokens = await browser.GetAsync("/me/tokens");

        await ProblemAssert.IsAsync(failed, HttpStatusCode.BadGateway, "upstream_unavailable");
        Assert.Contains(failed.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("authapi.tokens=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Equal(1, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task ARefreshAnsweredInvalidGrantEndsTheSessionAndNeverReachesTheUpstream()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.RevokeAllRefreshTokens();
        app.Time.Advance(TimeSpan.FromMinutes(59.5));

        var response = await browser.SendProxiedAsync("/api/orders/7");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "session_ended");
        Assert.Empty(upstream.Received);
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task ARefreshThatFailsForNowIsABadGatewayKeepsTheSessionAndNeverReachesTheUpstream()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.RefreshStatus = 503;
        app.Time.Advance(TimeSpan.FromMinutes(59.5));

        var response = await browser.SendProxiedAsync("/api/orders/7");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadGateway, "refresh_failed");
        Assert.Empty(upstream.Received);
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task EveryProxiedCallIsCountedByRouteAndStatusCode()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        using var requests = app.Collect("authapi.proxy.requests");
        var browser = app.CreateBrowser();

        await browser.SendProxiedAsync("/api/orders/7");
        await app.LoginAsync(browser);
        await browser.SendProxiedAsync("/api/orders/7");

        var measured = requests.GetMeasurementSnapshot()
            .Where(measurement => Equals(measurement.Tags["route"], "orders"))
            .Select(measurement => measurement.Tags["status_code"])
            .ToList();
        Assert.Equal([401, 200], measured.Cast<int>());
    }
}
