using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>The demo page AuthApi serves beside the development provider: what the browser tests and a CSP-strict SPA need.</summary>
[Collection(StackCollection.Name)]
public sealed partial class DemoPageTests(RunningStack stack) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = stack.ApiUrl };

    [Fact]
    public async Task ThePageHasTheIdsBrowserTestsUse()
    {
        var response = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        foreach (var id in new[] { "logout", "me", "tokens", "user-name", "idle-expiry", "absolute-expiry", "auth-error" })
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

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""\$\("(?<id>[a-z-]+)"\)""")]
    private static partial Regex ElementLookup();

    [GeneratedRegex("""\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
