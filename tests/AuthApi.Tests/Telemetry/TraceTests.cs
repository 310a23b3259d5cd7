using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthApi.Tests.Telemetry;

/// <summary>
/// Traces (with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set): a span per provider request, and no span of AuthApi, ASP.NET Core or
/// HttpClient ever holds a code, token, secret, state, nonce, verifier, session ID or cookie value.
/// </summary>
public sealed class TraceTests
{
    /// <summary>A collector nobody listens at: the exporter's failures stay in the background.</summary>
    private const string UnreachableCollector = "http://127.0.0.1:9";

    private const string QueryMarker = "query-marker-value";

    [Fact]
    public async Task EachProviderRequestOfALoginRefreshAndLogoutHasItsSpan()
    {
        using var spans = new SpanCollector();
        await using var app = TracedApp();
        var browser = TracedBrowser(app, spans);

        await app.LoginAsync(browser);
        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));
        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));

        var providerSpans = (await spans.OfThisTraceAsync()).Where(span => span.Source.Name == "AuthApi").ToList();
        Assert.Equal(
            ["provider.discovery", "provider.jwks", "provider.token", "provider.userinfo", "provider.refresh", "provider.revocation"],
            providerSpans.Select(span => span.DisplayName));
        Assert.All(providerSpans, span =>
        {
            Assert.Equal(AuthApiFactory.ProviderName, span.GetTagItem("authapi.provider"));
            Assert.Equal("success", span.GetTagItem("authapi.outcome"));
            Assert.Equal(new Uri(app.Provider.Issuer).Port, span.GetTagItem("server.port"));
            Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        });
    }

    [Fact]
    public async Task AProviderRequestAnsweredWithAnErrorIsAnErrorSpanWithItsStatus()
    {
        using var spans = new SpanCollector();
        await using var app = TracedApp();
        app.Provider.GoDown();

        await TracedBrowser(app, spans).GetAsync("/login");

        var discovery = Assert.Single(await spans.OfThisTraceAsync(), span => span.DisplayName == "provider.discovery");
        Assert.Equal(ActivityStatusCode.Error, discovery.Status);
        Assert.Equal("error_status", discovery.GetTagItem("authapi.outcome"));
        Assert.Equal(503, discovery.GetTagItem("http.response.status_code"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoSpanHoldsACodeTokenSecretStateNonceVerifierSessionIdOrCookieWhateverTheRedactionSettings(bool redactionDisabled)
    {
        using var spans = new SpanCollector();
        await using var app = TracedApp(
            settings =>
            {
                settings["Auth:ExposeTokens"] = "id,access,refresh";
                settings["Auth:ExposeRefreshToken"] = "true";
                if (redactionDisabled)
                {
                    settings["OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION"] = "true";
                    settings["OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION"] = "true";
                }
            },
            // A provider URL with a query: whatever it holds stays out of the HttpClient span's url.full.
            metadata => metadata["userinfo_endpoint"] = metadata["issuer"] + "/userinfo?tenant=" + QueryMarker);
        var browser = app.CreateBrowser(out var cookies);
        browser.DefaultRequestHeaders.Add("traceparent", spans.Traceparent);
        var grant = new Grant();
        var secrets = new List<string> { grant.AccessToken, grant.RefreshToken!, TestProvider.ClientSecret, QueryMarker };
        secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestProvider.ClientId}:{TestProvider.ClientSecret}")));

        var authorizationUrl = await browser.StartLoginAsync();
        secrets.AddRange(CookieValues(cookies));
        var code = app.Provider.IssueCode(authorizationUrl, grant);
        await browser.GetAsync($"/oauth2callback?code={code}&state={authorizationUrl.Query()["state"]}");
        secrets.AddRange(CookieValues(cookies));
        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");
        var refreshed = await (await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"))).Content.ReadFromJsonAsync<JsonElement>();
        secrets.AddRange(CookieValues(cookies));
        var logoutLink = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString()!;
        await browser.GetAsync(logoutLink);

        secrets.AddRange([code, authorizationUrl.Query()["state"], authorizationUrl.Query()["nonce"], logoutLink.Split("sid=")[1]]);
        secrets.Add(QueryHelpers.ParseQuery(app.Provider.TokenRequestBodies[0])["code_verifier"].ToString());
        secrets.AddRange([tokens.GetProperty("id").GetString()!, refreshed.GetProperty("access").GetString()!, refreshed.GetProperty("refresh").GetString()!]);
        Assert.DoesNotContain(secrets, string.IsNullOrEmpty);
        var traced = await spans.OfThisTraceAsync();
        Assert.Contains(traced, span => span.Source.Name == "Microsoft.AspNetCore" && Equals(span.GetTagItem("url.path"), "/oauth2callback"));
        Assert.Contains(traced, span => span.Source.Name == "System.Net.Http" && Equals(span.GetTagItem("url.full"), app.Provider.Issuer + "/userinfo"));
        Assert.All(traced.SelectMany(SpanCollector.TextOf), text => Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal)));
    }

    private static TestApp TracedApp(Action<Dictionary<string, string?>>? configure = null, Action<Dictionary<string, object>>? changeMetadata = null) =>
        new(settings =>
        {
            settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = UnreachableCollector;
            configure?.Invoke(settings);
        }, changeMetadata);

    private static HttpClient TracedBrowser(TestApp app, SpanCollector spans)
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("traceparent", spans.Traceparent);
        return browser;
    }

    private static IEnumerable<string> CookieValues(CookieContainer cookies) =>
        cookies.GetAllCookies().Select(cookie => cookie.Value).Where(value => value.Length > 0);
}
