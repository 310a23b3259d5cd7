using System.Net.Http.Headers;

namespace AuthApi.Tests.Http;

/// <summary>
/// A person whose browser navigates to <c>/login</c> or <c>GET /logout</c> and is refused sees a small HTML page, not raw
/// JSON; programs (fetch, API tools, the .NET client) keep getting Problem Details.
/// </summary>
public sealed class ErrorPageTests
{
    // What Chromium sends when the address bar or a link navigates.
    private const string BrowserNavigation = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    [Fact]
    public async Task ABrowserNavigatingWithABadReturnUrlSeesAPageWithTheErrorCodeAndALinkHome()
    {
        await using var app = new TestApp();

        var response = await Navigate(app, "/login?returnUrl=//evil.example/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Invalid return URL</title>", page, StringComparison.Ordinal);
        Assert.Contains("<code>invalid_return_url</code>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageRunsNothingAndIsNotCached()
    {
        await using var app = new TestApp();

        var response = await Navigate(app, "/login?provider=nope");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task MarkupInTheRequestNeverReachesThePage()
    {
        await using var app = new TestApp();

        var response = await Navigate(app, "/login?provider=%3Cscript%3Ealert(1)%3C%2Fscript%3E&returnUrl=%22%3E%3Cimg%20src%3Dx%3E");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<code>unknown_provider</code>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(1)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDetailIsHtmlEncoded()
    {
        await using var app = new TestApp();

        var page = await (await Navigate(app, "/login?returnUrl=/a/../b")).Content.ReadAsStringAsync();

        // The invalid_return_url detail names the characters '.' and '\' in quotes: they arrive encoded.
        Assert.Contains("&#x27;.&#x27;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("'.'", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    [InlineData("*/*")]
    [InlineData("text/html, application/json")]
    [InlineData("application/json, text/html;q=0.9")]
    [InlineData(null)]
    public async Task ProgramsKeepGettingProblemDetails(string? accept)
    {
        await using var app = new TestApp();
        var request = new HttpRequestMessage(HttpMethod.Get, "/login?returnUrl=//evil.example/");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await app.CreateBrowser().SendAsync(request);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_return_url");
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/*, application/json;q=0.5")]
    public async Task AnyAcceptThatPrefersHtmlGetsThePage(string accept)
    {
        await using var app = new TestApp();
        var request = new HttpRequestMessage(HttpMethod.Get, "/login?provider=nope");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ARateLimitedNavigationSeesThePageWithRetryAfter()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "1");
        await Navigate(app, "/login");

        var response = await Navigate(app, "/login");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("<code>rate_limited</code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task ANavigationWhileTheProviderIsDownSeesThePageWithRetryAfter()
    {
        // Nothing listens on port 1: the metadata cannot be loaded.
        await using var app = new TestApp(settings =>
            settings[$"Auth:Providers:{AuthApiFactory.ProviderName}:ServerMetadataUrl"] = "http://127.0.0.1:1/.well-known/openid-configuration");

        var response = await Navigate(app, "/login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("<code>provider_unavailable</code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task ALogoutLinkWithoutSidSeesThePage()
    {
        await using var app = new TestApp();

        var response = await Navigate(app, "/logout");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<code>invalid_sid</code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/me/tokens", HttpStatusCode.Unauthorized, "not_authenticated")]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "not_found")]
    public async Task EndpointsForFetchAnswerProblemDetailsEvenToABrowser(string path, HttpStatusCode status, string errorCode)
    {
        await using var app = new TestApp();

        var response = await Navigate(app, path);

        await ProblemAssert.IsAsync(response, status, errorCode);
    }

    private static Task<HttpResponseMessage> Navigate(TestApp app, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(BrowserNavigation);
        return app.CreateBrowser().SendAsync(request);
    }
}
