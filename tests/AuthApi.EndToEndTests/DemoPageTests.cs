using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuthApi.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApi.EndToEndTests;

/// <summary>The demo page AuthApi serves beside the development provider: what the browser tests and a CSP-strict SPA need.</summary>
[Collection(StackCollection.Name)]
public sealed partial class DemoPageTests(RunningStack stack, BrowserFixture browsers) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = stack.ApiUrl };

    [Fact]
    public async Task ThePageHasTheIdsBrowserTestsUse()
    {
        var response = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        foreach (var id in new[] { "logout", "me", "tokens", "user-name", "idle-expiry", "absolute-expiry", "auth-error", "access-expiry", "refresh-tokens", "id-token-exp", "id-token-iat" })
        {
            Assert.Contains($"id=\"{id}\"", page, StringComparison.Ordinal);
        }
        Assert.Contains("data-state=", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/demo.js\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScriptIsServed()
    {
        var response = await _client.GetAsync("/demo.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("`login-${provider.name}`", script, StringComparison.Ordinal);
        Assert.Contains("\"X-CSRF\": \"1\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryElementTheScriptLooksUpIsOnThePage()
    {
        var page = await _client.GetStringAsync("/");
        var script = await _client.GetStringAsync("/demo.js");

        var ids = ElementLookup().Matches(script).Select(match => match.Groups["id"].Value).Distinct().ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains($"id=\"{id}\"", page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePageNeedsNoInlineScript()
    {
        var response = await _client.GetAsync("/");

        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("onclick=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(InlineHandler(), page);
        Assert.All(ScriptTag().Matches(page), tag => Assert.Contains("src=", tag.Value, StringComparison.Ordinal));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/demo.js")]
    public async Task ThePageIsNotCachedLikeEveryOtherAnswer(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task TheOpenApiDocumentDoesNotListThePage()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(path => path.Key).ToList();
        Assert.Contains("/me", paths);
        Assert.DoesNotContain("/", paths);
        Assert.DoesNotContain("/demo.js", paths);
    }

    [Fact]
    public async Task TheRefreshButtonShowsANewAccessTokenAndALaterExpiry()
    {
        await using var context = await browsers.Browser.NewContextAsync();
        var page = await LogInAsync(context);
        var before = JsonDocument.Parse(await page.TextContentAsync("#tokens") ?? "").RootElement;
        var countdown = await page.TextContentAsync("#access-expiry");
        // The provider counts expires_in from whole-second creation times: two seconds on, the new expiry is surely later.
        await Task.Delay(TimeSpan.FromSeconds(2));

        await page.ClickAsync("#refresh-tokens");
        await page.WaitForFunctionAsync("access => !document.getElementById('tokens').textContent.includes(access)", before.GetProperty("access").GetString());
        var after = JsonDocument.Parse(await page.TextContentAsync("#tokens") ?? "").RootElement;

        Assert.NotEqual(before.GetProperty("access").GetString(), after.GetProperty("access").GetString());
        Assert.True(after.GetProperty("accessTokenExpiresAt").GetDateTimeOffset() > before.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());
        Assert.Matches(CountdownPattern(), countdown);
        Assert.Equal("logged-in", await page.GetAttributeAsync("body", "data-state"));
    }

    [Fact]
    public async Task ALogoutInAnotherTabShowsWhenThisTabRegainsFocus()
    {
        await using var context = await browsers.Browser.NewContextAsync();
        var first = await LogInAsync(context);
        var second = await context.NewPageAsync();
        await second.GotoAsync(stack.ApiUrl.ToString());
        await WaitForStateAsync(second, "logged-in");
        await second.ClickAsync("#logout");
        await WaitForStateAsync(second, "logged-out");

        await first.BringToFrontAsync();
        await first.EvaluateAsync("() => window.dispatchEvent(new Event('focus'))");
        await WaitForStateAsync(first, "logged-out");

        Assert.Equal("", await first.TextContentAsync("#tokens"));
        Assert.True(await first.IsVisibleAsync("#login-dev"));
    }

    [Fact]
    public async Task TheIdTokensTimesAreShownAsLocalDatesBesideTheirNumbers()
    {
        await using var context = await browsers.Browser.NewContextAsync();
        var page = await LogInAsync(context);
        var claims = JsonDocument.Parse(await page.TextContentAsync("#me") ?? "").RootElement.GetProperty("claims");

        foreach (var (claim, id) in new[] { ("exp", "#id-token-exp"), ("iat", "#id-token-iat") })
        {
            var seconds = claims.GetProperty(claim).GetInt64();
            var shown = await page.TextContentAsync(id);
            Assert.StartsWith($"{seconds} (", shown, StringComparison.Ordinal);
            Assert.Contains(DateTimeOffset.FromUnixTimeSeconds(seconds).ToLocalTime().Year.ToString(System.Globalization.CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
            Assert.Matches(TimeOfDayPattern(), shown);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<IPage> LogInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(stack.ApiUrl.ToString());
        await WaitForStateAsync(page, "logged-out");
        await page.ClickAsync("#login-dev");
        await page.ClickAsync("#user-ada");
        await WaitForStateAsync(page, "logged-in");
        return page;
    }

    private static Task WaitForStateAsync(IPage page, string state) =>
        page.WaitForSelectorAsync($"body[data-state=\"{state}\"]", new() { Timeout = 15_000 });

    [GeneratedRegex(@"^\d+:\d\d")]
    private static partial Regex CountdownPattern();

    [GeneratedRegex(@"\(.*\d{1,2}:\d\d:\d\d.*\)$")]
    private static partial Regex TimeOfDayPattern();

    [GeneratedRegex("""\$\("(?<id>[a-z-]+)"\)""")]
    private static partial Regex ElementLookup();

    [GeneratedRegex("""\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
