namespace AuthApi.Tests.Logging;

/// <summary>
/// A session ID in a path (<c>DELETE /me/sessions/{id}</c>) is the <c>sid</c> a logout link accepts: the request log line and
/// the request's span show the route pattern instead.
/// </summary>
public sealed class ConcealedPathTests
{
    private const string SessionId = "concealed-session-id-0123456789";

    [Fact]
    public async Task EndingASessionLogsTheRoutePatternNotTheSessionId()
    {
        await using var app = new TestApp(settings => settings["Logging:Collector:LogLevel:Default"] = "Information");

        await app.CreateBrowser().SendAsync(BrowserRequests.WithCsrf(HttpMethod.Delete, $"/me/sessions/{SessionId}"));

        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("DELETE /me/sessions/{id} answered 404", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains(SessionId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndingASessionTracesTheRoutePatternNotTheSessionId()
    {
        using var spans = new SpanCollector();
        await using var app = new TestApp(settings => settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9");
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("traceparent", spans.Traceparent);

        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Delete, $"/me/sessions/{SessionId}"));

        var traced = await spans.OfThisTraceAsync();
        Assert.Contains(traced, span => span.Source.Name == "Microsoft.AspNetCore" && Equals(span.GetTagItem("url.path"), "/me/sessions/{id}"));
        Assert.All(traced.SelectMany(SpanCollector.TextOf), text => Assert.DoesNotContain(SessionId, text, StringComparison.Ordinal));
    }
}
