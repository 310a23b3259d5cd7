using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApi.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApi.EndToEndTests;

/// <summary>samples/spa on its own origin, cross-origin to AuthApi, driven by a real browser against the dev stack; its API call goes through AuthApi's proxy.</summary>
[Collection(StackCollection.Name)]
public sealed class SampleSpaTests(RunningStack stack, BrowserFixture browsers) : IAsyncLifetime
{
    private SampleSpa _spa = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _spa = await SampleSpa.StartAsync(stack);
        _context = await browsers.Browser.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _spa.DisposeAsync();
    }

    [Fact]
    public async Task LogInOnTheSpaSeeTheUserCallAnApiThroughTheProxyAndLogOut()
    {
        var page = await _context.NewPageAsync();
        var requests = new ConcurrentQueue<IRequest>();
        page.Request += (_, request) => requests.Enqueue(request);
        await page.GotoAsync(stack.SpaUrl.ToString());
        await WaitForStateAsync(page, "logged-out");

        await page.ClickAsync("#login-dev");
        await page.ClickAsync("#user-ada");
        await WaitForStateAsync(page, "logged-in");
        var returnedTo = page.Url;
        var userName = await page.TextContentAsync("#user-name");
        await page.ClickAsync("#call-api");
        await page.WaitForFunctionAsync("() => /^\\d{3} /.test(document.getElementById('api-answer').textContent)");
        var apiAnswer = await page.TextContentAsync("#api-answer");
        var call = Assert.Single(requests, request => request.Method == "GET" && new Uri(request.Url).AbsolutePath == "/api/hello");
        var callHeaders = await call.AllHeadersAsync();
        await page.ClickAsync("#logout");
        // Through the provider's end-session endpoint to Auth:PostLogoutReturnUrl, AuthApi's own page in the dev stack.
        await page.WaitForURLAsync(stack.ApiUrl.ToString());
        await page.GotoAsync(stack.SpaUrl.ToString());
        await WaitForStateAsync(page, "logged-out");

        Assert.Equal(stack.SpaUrl.ToString(), returnedTo);
        Assert.Equal("Ada Lovelace", userName);
        Assert.StartsWith("200 ", apiAnswer, StringComparison.Ordinal);
        Assert.Contains("Hello, Ada Lovelace", apiAnswer, StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#login-dev"), _spa.Output);
        // No token ever reached the page: the call went to AuthApi's proxy, which sent the access token upstream itself.
        Assert.DoesNotContain(requests, request => new Uri(request.Url).AbsolutePath.StartsWith("/me/tokens", StringComparison.Ordinal));
        Assert.Equal(stack.ApiUrl.GetLeftPart(UriPartial.Authority), new Uri(call.Url).GetLeftPart(UriPartial.Authority));
        Assert.Equal("1", callHeaders.GetValueOrDefault("x-csrf"));
        Assert.False(callHeaders.ContainsKey("authorization"));
    }

    [Fact]
    public async Task TheProxiedApiCallWithoutASessionIsNotAuthenticated()
    {
        using var client = new HttpClient { BaseAddress = stack.ApiUrl };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/hello");
        request.Headers.Add("X-CSRF", "1");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("not_authenticated", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token-the-provider-issued")]
    public async Task TheSampleApiRefusesARequestWithoutALiveAccessToken(string? authorization)
    {
        using var client = new HttpClient { BaseAddress = stack.SpaUrl };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/hello");
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ThePageAllowsNoInlineScriptAndTalksOnlyToItselfAndAuthApi()
    {
        using var client = new HttpClient { BaseAddress = stack.SpaUrl };

        var response = await client.GetAsync("/");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' {stack.ApiUrl.GetLeftPart(UriPartial.Authority)}", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/app.js\"></script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task WaitForStateAsync(IPage page, string state) =>
        page.WaitForSelectorAsync($"body[data-state=\"{state}\"]", new() { Timeout = 15_000 });
}
