using System.Text.Json.Nodes;

namespace AuthApi.Tests.OpenApi;

/// <summary>
/// The served document names the origin it was fetched from, so "Try it out" and imports by URL work on any host and port,
/// built for each request: a forged Host changes only its sender's own answer, and forwarded headers count only from a listed proxy.
/// </summary>
public sealed class ServedDocumentServerTests
{
    private const string Proxy = "10.1.2.3";

    [Fact]
    public async Task EachRequestGetsTheOriginItCameTo()
    {
        await using var app = new TestApp();

        var first = await ServerOfAsync(app.CreateBrowser("http://auth.example.com:8443"), new HttpRequestMessage(HttpMethod.Get, ServedDocument.Url));
        var second = await ServerOfAsync(app.CreateBrowser("http://localhost:18080"), new HttpRequestMessage(HttpMethod.Get, ServedDocument.Url));

        Assert.Equal("http://auth.example.com:8443", first);
        Assert.Equal("http://localhost:18080", second);
    }

    [Fact]
    public async Task ForwardedHeadersFromAnUnlistedSenderChangeNothing()
    {
        await using var app = new TestApp();

        var server = await ServerOfAsync(app.CreateBrowserFrom(Proxy), Forwarded());

        Assert.Equal("http://localhost", server);
    }

    [Fact]
    public async Task AListedProxyGivesTheSchemeButNeverTheHost()
    {
        await using var app = new TestApp(settings => settings["Auth:ForwardedHeaders:KnownNetworks"] = "10.0.0.0/8");

        var server = await ServerOfAsync(app.CreateBrowserFrom(Proxy), Forwarded());

        Assert.Equal("https://localhost", server);
    }

    private static HttpRequestMessage Forwarded() => new(HttpMethod.Get, ServedDocument.Url)
    {
        Headers =
        {
            { "X-Forwarded-Proto", "https" },
            { "X-Forwarded-Host", "evil.example" },
        },
    };

    private static async Task<string?> ServerOfAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["servers"]!.AsArray());
        return (string?)server!["url"];
    }
}
