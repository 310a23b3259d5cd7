using System.Text.Json.Nodes;
using AuthApi.Contracts;
using AuthApi.Tests.OpenApi;

namespace AuthApi.Tests.Telemetry;

/// <summary><c>GET /metrics</c>: the Prometheus scrape endpoint, there only with <c>Auth:Metrics:Enabled=true</c>.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task WithMetricsEnabledMetricsServesAuthApisCountersInPrometheusText()
    {
        await using var app = new TestApp(settings => settings["Auth:Metrics:Enabled"] = "true");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE authapi_logins_started_total counter", text, StringComparison.Ordinal);
        // At least 1: the exporter reads every meter named AuthApi in the process, and other tests' apps run beside this one.
        Assert.Matches("""authapi_logins_started_total\{[^}]*provider="test"[^}]*\} [1-9]""", text);
        Assert.Matches("""authapi_logins_succeeded_total\{[^}]*provider="test"[^}]*\} [1-9]""", text);
        Assert.Matches("""authapi_discovery_fetches_total\{[^}]*outcome="success"[^}]*\} [1-9]""", text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal); // ASP.NET Core's own
    }

    [Fact]
    public async Task WithoutMetricsEnabledMetricsIsNotFound()
    {
        await using var app = new TestApp();

        var response = await app.CreateBrowser().GetAsync("/metrics");

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task MetricsIsNotInTheOpenApiDocument()
    {
        await using var app = new TestApp(settings => settings["Auth:Metrics:Enabled"] = "true");

        var document = JsonNode.Parse(await app.CreateBrowser().GetStringAsync(ServedDocument.Url))!;

        Assert.DoesNotContain("/metrics", document["paths"]!.AsObject().Select(path => path.Key));
        Assert.Contains("/readyz", document["paths"]!.AsObject().Select(path => path.Key));
    }
}
