using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuthApi.Tests.OpenApi;

namespace AuthApi.Tests.Demo;

public sealed partial class DemoPageTests
{
    private const string Development = "Development";

    [Fact]
    public async Task DevelopmentServesThePageWithTheIdsBrowserTestsUse()
    {
        await using var app = new TestApp(environment: Development);

        var response = await app.CreateBrowser().GetAsync("/");

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
    public async Task DevelopmentServesTheScript()
    {
        await using var app = new TestApp(environment: Development);

        var response = await app.CreateBrowser().GetAsync("/demo.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("`login-${provider.name}`", script, StringComparison.Ordinal);
        Assert.Contains("\"X-CSRF\": \"1\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryElementTheScriptLooksUpIsOnThePage()
    {
        await using var app = new TestApp(environment: Development);
        var browser = app.CreateBrowser();

        var page = await browser.GetStringAsync("/");
        var script = await browser.GetStringAsync("/demo.js");

        var ids = ElementLookup().Matches(script).Select(match => match.Groups["id"].Value).Distinct().ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains($"id=\"{id}\"", page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePageNeedsNoInlineScript()
    {
        await using var app = new TestApp(environment: Development);

        var response = await app.CreateBrowser().GetAsync("/");

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
        await using var app = new TestApp(environment: Development);

        var response = await app.CreateBrowser().GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData(AuthApiFactory.TestingEnvironment, "/")]
    [InlineData(AuthApiFactory.TestingEnvironment, "/demo.js")]
    [InlineData("Production", "/")]
    [InlineData("Production", "/demo.js")]
    public async Task OutsideDevelopmentThereIsNoPage(string environment, string path)
    {
        await using var app = new TestApp(environment: environment);

        var response = await app.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDoesNotListThePage()
    {
        await using var app = new TestApp(environment: Development);

        var document = JsonNode.Parse(await app.CreateBrowser().GetStringAsync(ServedDocument.Url))!;

        var paths = document["paths"]!.AsObject().Select(path => path.Key).ToList();
        Assert.Contains("/me", paths);
        Assert.DoesNotContain("/", paths);
        Assert.DoesNotContain("/demo.js", paths);
    }

    [GeneratedRegex("""\$\("(?<id>[a-z-]+)"\)""")]
    private static partial Regex ElementLookup();

    [GeneratedRegex("""\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
