using System.Collections.Concurrent;
using AuthApi.Contracts;
using Microsoft.AspNetCore.Http.Features;

namespace AuthApi.Tests.Proxy;

/// <summary>
/// A proxied path never resolves outside the route's destination, even at an upstream that reads '\' as '/' and decodes
/// the path before resolving dot segments (IIS, http.sys) or drops ';' parameters first (Tomcat). Sent through real Kestrel
/// with the request target exactly as written: HttpClient's usual <see cref="Uri"/> would turn '\' into '/' and resolve
/// <c>%2e%2e</c> before sending, and the in-memory server has no raw target.
/// </summary>
public sealed class PathTraversalTests
{
    private const string Destination = "/svc/pub";

    [Theory]
    [InlineData("/api/pub/..%5C..%5Cadmin")]
    [InlineData("/api/pub/..%5c..%5Cadmin")]
    [InlineData(@"/api/pub/..\..\admin")]
    [InlineData("/api/pub/x/%2e%2e/admin")]
    [InlineData("/api/pub/x/.%2E/admin")]
    [InlineData("/api/pub/x/%2E./admin")]
    [InlineData("/api/pub/x/%2e/admin")]
    [InlineData("/api/pub/..%2F..%2Fadmin")]
    [InlineData("/api/pub/%2e%2e%2fadmin")]
    [InlineData("/api/pub/a%2Fb")]
    [InlineData("/api/pub/..%255C..%255Cadmin")]
    [InlineData("/api/pub/%252e%252e/%252E%252E/admin")]
    [InlineData("/api/pub/..%252F..%252Fadmin")]
    [InlineData("/api/pub/%%32%65%%32%65/admin")]
    [InlineData("/api/pub/..;/..;/admin")]
    public async Task ATraversalIsRefusedAsInvalidPathWithoutCallingTheUpstream(string target)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("pub", "/api/pub/{**rest}", upstream.Url + Destination, token: "None"));
        using var browser = app.StartOnKestrel();

        var response = await browser.SendRawAsync(target);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidPath);
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task AUserRouteRefusesATraversalBeforeItsTokenCouldBeSent()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url + Destination, token: "User"));
        using var browser = app.StartOnKestrel();
        var anonymous = await browser.SendRawAsync("/api/orders/..%5C..%5Cadmin", csrf: false);
        await app.LoginAsync(browser);

        var loggedIn = await browser.SendRawAsync("/api/orders/..%5C..%5Cadmin");

        await ProblemAssert.IsAsync(anonymous, HttpStatusCode.BadRequest, ErrorCodes.InvalidPath);
        await ProblemAssert.IsAsync(loggedIn, HttpStatusCode.BadRequest, ErrorCodes.InvalidPath);
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task ARefusalIsLoggedOnceNamingTheRouteAndWhatWasFoundButNotThePath()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("pub", "/api/pub/{**rest}", upstream.Url + Destination, token: "None"));
        using var browser = app.StartOnKestrel();

        await browser.SendRawAsync("/api/pub/..%5C..%5Csecret-admin-page");

        var refusal = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("refused a path", StringComparison.Ordinal));
        Assert.StartsWith("Warning AuthApi.Proxy.ProxyRequestGate: Proxy route pub refused a path holding a backslash", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-admin-page", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains("refused a request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoTraversalAttemptReachesOutsideTheDestinationOfAnUpstreamThatResolvesBackslashesAndEscapes()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var resolved = new ConcurrentQueue<string>();
        upstream.Answer = context =>
        {
            resolved.Enqueue(ResolveAsALaxUpstream(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget));
            return Task.CompletedTask;
        };
        await using var app = new TestApp(settings => settings.AddRoute("pub", "/api/pub/{**rest}", upstream.Url + Destination, token: "None"));
        using var browser = app.StartOnKestrel();

        foreach (var attempt in TraversalAttempts)
        {
            await browser.SendRawAsync("/api/pub/" + attempt);
        }

        Assert.All(resolved, path => Assert.StartsWith(Destination + "/", path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/pub/a%20b", "/svc/pub/a%20b")]
    [InlineData("/api/pub/a%3Ab", "/svc/pub/a:b")]
    [InlineData("/api/pub/%C3%A9t%C3%A9/%E2%9C%93", "/svc/pub/%C3%A9t%C3%A9/%E2%9C%93")]
    [InlineData("/api/pub/items;v=2/a;b=c", "/svc/pub/items;v=2/a;b=c")]
    [InlineData("/api/pub/report..final.tar.gz", "/svc/pub/report..final.tar.gz")]
    [InlineData("/api/pub/..hidden/x../.well-known", "/svc/pub/..hidden/x../.well-known")]
    [InlineData("/api/pub/100%25", "/svc/pub/100%25")]
    [InlineData("/api/pub/a%2520b", "/svc/pub/a%2520b")]
    [InlineData("/api/pub/x/../y", "/svc/pub/y")]
    [InlineData("/api/pub/search?q=..%5C..%2Fadmin", "/svc/pub/search?q=..%5C..%2Fadmin")]
    public async Task AnOrdinaryPathWithEncodedCharactersIsForwarded(string target, string forwarded)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var app = new TestApp(settings => settings.AddRoute("pub", "/api/pub/{**rest}", upstream.Url + Destination, token: "None"));
        using var browser = app.StartOnKestrel();

        var response = await browser.SendRawAsync(target);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(forwarded, Assert.Single(upstream.Received).RawTarget);
    }

    /// <summary>Paths below the route, each an attempt to reach /admin or /svc at the upstream.</summary>
    private static readonly string[] TraversalAttempts =
    [
        "..%5C..%5Cadmin", "..%5c..%5cadmin", @"..\..\admin", @"x\..\..\..\admin", @"..\\..\\admin", "..%5C..%5C..%5Cadmin",
        "%2e%2e%5C%2e%2e%5Cadmin", ".%2e%5C.%2e%5Cadmin", "%2E%2E%5cadmin", "a/b/..%5C..%5C..%5C..%5Cadmin", "..%5C..%5Cadmin?x=1",
        "..%255C..%255Cadmin", "..%255c..%255cadmin", "..%25%35%43..%25%35%43admin", "%252e%252e/%252e%252e/admin",
        "%252e%252e%252f%252e%252e%252fadmin", "%%32%65%%32%65/admin", "..%2F..%2Fadmin", "..%2f..%2fadmin",
        "%2e%2e%2f%2e%2e%2fadmin", "x/..%2F..%2F..%2Fadmin", "x/%2e%2e/%2e%2e/%2e%2e/admin", "..;/..;/admin", "..;x=1/..;/admin",
        ".;/..;/..;/admin", "%2e%2e;/%2e%2e;/admin", @"..%5C..%2Fadmin", @"..\..%2Fadmin", "..%c0%af..%c0%afadmin",
        "..%5C..%5C%2e%2e%5Cadmin",
    ];

    /// <summary>
    /// The path as the laxest upstream resolves it: decoded as long as escapes remain (http.sys decodes once, some frameworks
    /// again), '\' read as '/' (IIS), ';' parameters dropped before dot segments are resolved (Tomcat).
    /// </summary>
    private static string ResolveAsALaxUpstream(string rawTarget)
    {
        var path = rawTarget.Split('?')[0];
        for (var decoded = Uri.UnescapeDataString(path); decoded != path; decoded = Uri.UnescapeDataString(path))
        {
            path = decoded;
        }
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/').Skip(1))
        {
            switch (segment.Split(';')[0])
            {
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }
                    break;
                case ".":
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }
        return "/" + string.Join('/', segments);
    }
}
