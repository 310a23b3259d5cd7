namespace AuthApi.Tests.Http;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c> count only from <c>Auth:ForwardedHeaders:KnownNetworks</c>: from anyone else a
/// client could pick the address it is rate limited by.
/// </summary>
public sealed class TrustedProxyTests
{
    private const string Proxy = "10.1.2.3";

    [Fact]
    public async Task ForwardedForFromAnUnlistedAddressCannotDodgeTheRateLimit()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "1");
        var client = app.CreateBrowserFrom(Proxy);

        var first = await client.SendAsync(LoginFrom("203.0.113.1"));
        var second = await client.SendAsync(LoginFrom("203.0.113.2"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        await ProblemAssert.IsAsync(second, HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task ForwardedForFromAListedProxyNamesTheClient()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:RateLimit:PermitsPerMinute"] = "1";
            settings["Auth:ForwardedHeaders:KnownNetworks"] = "10.0.0.0/8";
        });
        var client = app.CreateBrowserFrom(Proxy);

        var first = await client.SendAsync(LoginFrom("203.0.113.1"));
        var second = await client.SendAsync(LoginFrom("203.0.113.2"));
        var third = await client.SendAsync(LoginFrom("203.0.113.1"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await ProblemAssert.IsAsync(third, HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task HttpFromAnUnlistedProxyWhileTheRedirectUriIsHttpsIsWarnedAboutOnce()
    {
        await using var app = new TestApp(settings => settings["Auth:RedirectUri"] = "https://auth.example.com/oauth2callback");
        var client = app.CreateBrowserFrom(Proxy);

        await client.SendAsync(LoginFrom("203.0.113.1"));
        await client.GetAsync("/me");

        var warning = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Auth:ForwardedHeaders:KnownNetworks", StringComparison.Ordinal));
        Assert.Contains(Proxy, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsForwardedByAListedProxyIsNotWarnedAbout()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:RedirectUri"] = "https://auth.example.com/oauth2callback";
            settings["Auth:ForwardedHeaders:KnownNetworks"] = "10.0.0.0/8";
        });
        var client = app.CreateBrowserFrom(Proxy);

        await client.SendAsync(LoginFrom("203.0.113.1"));

        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains("Auth:ForwardedHeaders:KnownNetworks", StringComparison.Ordinal));
    }

    private static HttpRequestMessage LoginFrom(string clientAddress)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add("X-Forwarded-For", clientAddress);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }
}
