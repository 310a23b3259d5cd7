using Microsoft.AspNetCore.Http;

namespace AuthApi.Tests.Proxy;

/// <summary>The proxy's routes under their own CORS policy: the allowed origins with credentials, any method and request header.</summary>
public sealed class ProxyCorsTests
{
    [Fact]
    public async Task APreflightForAPutWithACustomHeaderFromAnAllowedOriginIsAllowedWithCredentialsAndNeverReachesTheUpstream()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        using var proxied = app.Collect("authapi.proxy.requests");

        var response = await app.CreateBrowser().SendAsync(Preflight("/api/orders/7", AuthApiFactory.AllowedOrigin, "PUT", "x-csrf,x-request-id"));

        // A preflight carries no cookie and no X-CSRF: had the gate seen it, it would have answered 403 or 401.
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AuthApiFactory.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.Contains("PUT", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("x-request-id", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(upstream.Received);
        Assert.Equal(0, proxied.Sum(("route", "orders")));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://app.example.com.evil.example")]
    [InlineData("null")]
    public async Task APreflightFromAnotherOriginIsNotAllowedAndNeverReachesTheUpstream(string origin)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));

        var response = await app.CreateBrowser().SendAsync(Preflight("/api/orders/7", origin, "GET", "x-csrf"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Empty(upstream.Received);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AProxiedCallFromAnAllowedOriginGetsAuthApisCorsAnswerEvenWhenTheUpstreamDoesItsOwn(bool upstreamDoesCors)
    {
        await using var upstream = await TestUpstream.StartAsync();
        if (upstreamDoesCors)
        {
            upstream.Answer = context =>
            {
                context.Response.Headers.AccessControlAllowOrigin = "*";
                context.Response.Headers.AccessControlAllowCredentials = "false";
                context.Response.Headers.AccessControlExposeHeaders = "ETag";
                return Task.CompletedTask;
            };
        }
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var request = BrowserRequests.WithCsrf(HttpMethod.Get, "/api/orders/7");
        request.Headers.Add("Origin", AuthApiFactory.AllowedOrigin);

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuthApiFactory.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
        // The upstream decides which of its headers the SPA may read.
        Assert.Equal(upstreamDoesCors ? "ETag" : "", HeaderOrEmpty(response, "Access-Control-Expose-Headers"));
        Assert.Single(upstream.Received);
    }

    [Fact]
    public async Task AProxiedCallFromAnotherOriginIsAnsweredWithoutAccessControlAllowOrigin()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("catalog", "/public/catalog/{**rest}", upstream.Url, token: "None"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/public/catalog/items");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AuthApisOwnEndpointsStillRefuseAPutAndOtherHeadersInPreflightWhileTheProxyAllowsThem()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();

        var own = await browser.SendAsync(Preflight("/me/sessions/1", AuthApiFactory.AllowedOrigin, "PUT", "x-csrf,x-request-id"));
        var proxied = await browser.SendAsync(Preflight("/api/orders/1", AuthApiFactory.AllowedOrigin, "PUT", "x-csrf,x-request-id"));

        Assert.DoesNotContain("PUT", HeaderOrEmpty(own, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.DoesNotContain("x-request-id", HeaderOrEmpty(own, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PUT", HeaderOrEmpty(proxied, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("x-request-id", HeaderOrEmpty(proxied, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string HeaderOrEmpty(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
