using Microsoft.AspNetCore.Http;

namespace AuthApi.Tests.Proxy;

/// <summary>What every route forwards and how upstream answers and failures come back.</summary>
public sealed class ForwardingTests
{
    [Fact]
    public async Task ANoneRouteForwardsWithoutATokenOrAuthApisCookies()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("catalog", "/public/catalog/{**rest}", upstream.Url, token: "None"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/public/catalog/items");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.Null(received.Authorization);
        Assert.Null(received.Cookie);
        Assert.False(received.HasCsrfHeader);
    }

    [Fact]
    public async Task ANoneRouteServesAnonymousCallersWithoutTheAntiForgeryHeader()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("catalog", "/public/catalog/{**rest}", upstream.Url, token: "None"));

        var response = await app.CreateBrowser().SendProxiedAsync("/public/catalog/items", csrf: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.Received);
    }

    [Theory]
    [InlineData(null, "", "/items/7?sort=desc&q=a%20b")]
    [InlineData(true, "/base/", "/base/items/7?sort=desc&q=a%20b")]
    [InlineData(false, "", "/api/orders/items/7?sort=desc&q=a%20b")]
    [InlineData(false, "/base", "/base/api/orders/items/7?sort=desc&q=a%20b")]
    public async Task ThePathAndQueryAreForwardedExactlyWithOrWithoutThePrefix(bool? removePrefix, string destinationPath, string expected)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url + destinationPath, removePrefix: removePrefix));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/api/orders/items/7?sort=desc&q=a%20b", method: HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal(expected, received.PathAndQuery);
    }

    [Fact]
    public async Task TheUpstreamSeesItsOwnHostAndForwardedHeadersAuthApiSetNotOnesTheBrowserSent()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/7");
        request.Headers.Add("X-CSRF", "1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.66");
        request.Headers.Add("X-Forwarded-Host", "admin.internal");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = Assert.Single(upstream.Received).Headers;
        Assert.Equal(new Uri(upstream.Url).Authority, headers["Host"]);
        Assert.Equal("localhost", headers["X-Forwarded-Host"]);
        Assert.Equal("http", headers["X-Forwarded-Proto"]);
        Assert.DoesNotContain("203.0.113.66", headers.GetValueOrDefault("X-Forwarded-For") ?? "");
    }

    [Fact]
    public async Task AnUpstreamErrorPassesThroughWithItsStatusHeadersAndBody()
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Status = 500;
        upstream.Body = """{"upstreamError":"database down"}""";
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/api/orders/7");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"upstreamError":"database down"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("test", Assert.Single(response.Headers.GetValues("X-Upstream")));
    }

    [Fact]
    public async Task AnUpstreamsCachingAndFramingHeadersPassUnchangedAndAuthApisFillOnlyWhatItLeftOut()
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = context =>
        {
            if (context.Request.Path == "/logo.png")
            {
                context.Response.Headers.CacheControl = "public, max-age=600";
                context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            }
            return Task.CompletedTask;
        };
        await using var app = new TestApp(settings => settings.AddRoute("assets", "/assets/{**rest}", upstream.Url, token: "None"));
        var browser = app.CreateBrowser();

        var chosen = await browser.SendProxiedAsync("/assets/logo.png");
        var unsaid = await browser.SendProxiedAsync("/assets/orders.json");

        Assert.Equal("public, max-age=600", chosen.Headers.CacheControl?.ToString());
        Assert.Equal("SAMEORIGIN", Assert.Single(chosen.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-store", unsaid.Headers.CacheControl?.ToString());
        Assert.Equal("DENY", Assert.Single(unsaid.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(unsaid.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task AnUpstreamSlowerThanTheRoutesTimeoutIsAGatewayTimeoutNamingTheRoute()
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Delay = TimeSpan.FromMinutes(1);
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url, timeout: "00:00:00.2"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/api/orders/7");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.GatewayTimeout, "upstream_timeout");
        Assert.Contains("'orders'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnreachableUpstreamIsABadGatewayNamingTheRouteButNotItsDestination()
    {
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", "http://127.0.0.1:1/secret-path/"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/api/orders/7");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadGateway, "upstream_unavailable");
        var body = problem.GetRawText();
        Assert.Contains("'orders'", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.DoesNotContain("secret-path", body);
        Assert.DoesNotContain(" at ", body);
    }
}
