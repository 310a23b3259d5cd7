using System.Text.Json.Nodes;

namespace AuthApi.Tests.OpenApi;

/// <summary>The document's example bodies are what the endpoints really answer, not invented shapes.</summary>
public sealed class DocumentedExamplesTests
{
    [Theory]
    [InlineData("POST", "/logout", "/logout", 403, "csrf_header_missing")]
    [InlineData("GET", "/logout", "/logout", 400, "invalid_sid")]
    [InlineData("GET", "/me/tokens", "/me/tokens", 401, "not_authenticated")]
    [InlineData("GET", "/login", "/login?provider=nope", 400, "unknown_provider")]
    [InlineData("GET", "/login", "/login?returnUrl=//evil.example", 400, "invalid_return_url")]
    [InlineData("GET", "/login", "/login?max_age=soon", 400, "invalid_request")]
    [InlineData("POST", "/backchannel-logout", "/backchannel-logout", 404, "session_store_disabled")]
    public async Task ProblemExampleIsTheRealAnswer(string method, string path, string request, int status, string errorCode)
    {
        await using var app = new TestApp();
        var document = await ServedDocument.FetchAsync();

        var response = await app.CreateBrowser().SendAsync(new HttpRequestMessage(new HttpMethod(method), request));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertSameBody(ProblemExample(document, method, path, status, errorCode), JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ProviderUnavailableExampleIsTheRealAnswer()
    {
        // Nothing listens on port 1: the metadata cannot be loaded.
        await using var app = new TestApp(settings =>
            settings[$"Auth:Providers:{AuthApiFactory.ProviderName}:ServerMetadataUrl"] = "http://127.0.0.1:1/.well-known/openid-configuration");
        var document = await ServedDocument.FetchAsync();

        var response = await app.CreateBrowser().GetAsync("/login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        AssertSameBody(ProblemExample(document, "GET", "/login", 503, "provider_unavailable"), JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task NotReadyExampleHasTheShapeOfTheRealAnswer()
    {
        // Nothing listens on port 1: the metadata cannot be loaded.
        await using var app = new TestApp(settings =>
            settings[$"Auth:Providers:{AuthApiFactory.ProviderName}:ServerMetadataUrl"] = "http://127.0.0.1:1/.well-known/openid-configuration");
        var document = await ServedDocument.FetchAsync();

        var response = await app.CreateBrowser().GetAsync("/readyz");

        var real = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var example = ProblemExample(document, "GET", "/readyz", 503, "provider_unavailable")!.AsObject();
        Assert.Equal(real.Select(member => member.Key), example.Select(member => member.Key));
        Assert.Equal((string?)real["errorCode"], (string?)example["errorCode"]);
        Assert.Equal("unreachable", (string?)real["providers"]!["test"]);
        Assert.Contains("unreachable", example["providers"]!.AsObject().Select(state => (string?)state.Value));
        Assert.StartsWith("Not ready: provider ", (string?)example["detail"], StringComparison.Ordinal);
        Assert.StartsWith("Not ready: provider test is unreachable", (string?)real["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/logout", "/logout", 400)]
    [InlineData("/login", "/login?provider=github", 400)]
    public async Task ErrorPageExampleIsTheRealAnswerToABrowser(string path, string request, int status)
    {
        await using var app = new TestApp();
        var document = await ServedDocument.FetchAsync();
        var navigation = new HttpRequestMessage(HttpMethod.Get, request);
        navigation.Headers.Accept.ParseAdd("text/html,*/*;q=0.8");

        var response = await app.CreateBrowser().SendAsync(navigation);

        var documented = ServedDocument.Operation(document, "GET", path)["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!["text/html"]!["example"];
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal((string?)documented, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnonymousMeExampleIsTheRealAnswer()
    {
        await using var app = new TestApp();
        var document = await ServedDocument.FetchAsync();

        var answer = JsonNode.Parse(await app.CreateBrowser().GetStringAsync("/me"));

        var example = ServedDocument.Operation(document, "GET", "/me")["responses"]!["200"]!["content"]!["application/json"]!["examples"]!["anonymous"]!["value"];
        AssertSameBody(example, answer);
    }

    [Fact]
    public async Task HealthExampleIsTheRealAnswer()
    {
        await using var app = new TestApp();
        var document = await ServedDocument.FetchAsync();

        var answer = JsonNode.Parse(await app.CreateBrowser().GetStringAsync("/healthz"));

        AssertSameBody(ServedDocument.Operation(document, "GET", "/healthz")["responses"]!["200"]!["content"]!["application/json"]!["example"], answer);
    }

    [Fact]
    public async Task LoggedInMeExampleHasEveryMemberOfTheRealAnswer()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var document = await ServedDocument.FetchAsync();

        var answer = JsonNode.Parse(await browser.GetStringAsync("/me"))!.AsObject();

        var example = ServedDocument.Operation(document, "GET", "/me")["responses"]!["200"]!["content"]!["application/json"]!["examples"]!["loggedIn"]!["value"]!.AsObject();
        Assert.Equal(answer.Select(member => member.Key), example.Select(member => member.Key));
        Assert.Equal(answer["session"]!.AsObject().Select(member => member.Key), example["session"]!.AsObject().Select(member => member.Key));
    }

    private static JsonNode? ProblemExample(JsonNode document, string method, string path, int status, string errorCode)
    {
        var media = ServedDocument.Operation(document, method, path)["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?["application/problem+json"];
        Assert.NotNull(media);
        return media["example"] ?? media["examples"]?[errorCode]?["value"];
    }

    /// <summary>Equal bodies, but for the trace ID, which differs on every request.</summary>
    private static void AssertSameBody(JsonNode? documented, JsonNode? real)
    {
        Assert.NotNull(documented);
        Assert.NotNull(real);
        var expected = documented.DeepClone();
        var actual = real.DeepClone();
        (expected as JsonObject)?.Remove("traceId");
        (actual as JsonObject)?.Remove("traceId");
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Documented:\n{expected.ToJsonString()}\nReal:\n{actual.ToJsonString()}");
    }
}
