using System.Text.Json.Nodes;

namespace AuthApi.Tests.Provider;

public sealed class DiscoveryCacheTests
{
    private const string DiscoveryPath = "/.well-known/openid-configuration";

    [Fact]
    public async Task ManyConcurrentLoginsFetchMetadataOnce()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => browser.GetAsync("/login")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));
        Assert.Equal(1, app.Provider.RequestsTo(DiscoveryPath));
        Assert.Equal(1, app.Provider.RequestsTo("/jwks"));
    }

    [Fact]
    public async Task StaleMetadataKeepsServingWhileTheProviderIsDown()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await browser.StartLoginAsync();
        app.Provider.GoDown();
        app.Time.Advance(TimeSpan.FromHours(2));

        var authorizationUrl = await browser.StartLoginAsync();

        Assert.Equal(app.Provider.Issuer + "/authorize", authorizationUrl.GetLeftPart(UriPartial.Path));
        await Eventually(() => app.Provider.RequestsTo(DiscoveryPath) == 1 && app.Provider.Server.LogEntries.Any());
    }

    [Fact]
    public async Task ExpiredMetadataIsRefreshedInTheBackground()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await browser.StartLoginAsync();
        app.Provider.ComeBack(metadata => metadata["authorization_endpoint"] = app.Provider.Issuer + "/authorize-v2");
        app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var stale = await browser.StartLoginAsync();
        await Eventually(async () => (await browser.StartLoginAsync()).AbsolutePath == "/authorize-v2");

        Assert.Equal("/authorize", stale.AbsolutePath);
        Assert.Equal(1, app.Provider.RequestsTo(DiscoveryPath)); // the log was reset by ComeBack: this is the refresh
    }

    [Fact]
    public async Task NoMetadataAndProviderDownIsProviderUnavailableWithRetryAfter()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();

        var response = await app.CreateBrowser().GetAsync("/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Empty(response.CookiesWritten());
    }

    [Fact]
    public async Task AFailedFetchIsNotRetriedByEveryRequest()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();
        var browser = app.CreateBrowser();

        await browser.GetAsync("/login");
        await browser.GetAsync("/login");
        var beforeBackoffEnds = app.Provider.RequestsTo(DiscoveryPath);
        app.Time.Advance(TimeSpan.FromSeconds(11));
        await browser.GetAsync("/login");

        Assert.Equal(1, beforeBackoffEnds);
        Assert.Equal(2, app.Provider.RequestsTo(DiscoveryPath));
    }

    [Fact]
    public async Task MetadataWhoseIssuerIsNotTheUrlsAuthorityIsRejected()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["issuer"] = "https://evil.example");

        var response = await app.CreateBrowser().GetAsync("/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
    }

    [Theory]
    [InlineData("authorization_endpoint")]
    [InlineData("token_endpoint")]
    [InlineData("jwks_uri")]
    public async Task MetadataWithoutWhatALoginNeedsIsUnavailable(string missing)
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata.Remove(missing));

        var response = await app.CreateBrowser().GetAsync("/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
    }

    [Theory]
    [InlineData("id_token_signing_alg_values_supported", "[\"RS256\", \"\\ud800\"]")]
    [InlineData("authorization_response_iss_parameter_supported", "\"\\ud800\"")]
    public async Task MetadataWithTextThatIsNotValidUtf16IsUnavailable(string member, string json)
    {
        await using var app = new TestApp();
        using var http = new HttpClient();
        var metadata = JsonNode.Parse(await http.GetStringAsync(app.Provider.MetadataUrl))!.AsObject();
        metadata.Remove(member);
        // A lone surrogate, escaped in the JSON text (a serializer would not write one): the discovery library throws reading it.
        app.Provider.Answer("/.well-known/openid-configuration", _ => (200, metadata.ToJsonString()[..^1] + $",\"{member}\":{json}}}"));

        var response = await app.CreateBrowser().GetAsync("/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
    }

    [Theory]
    [InlineData("{\"keys\": 5}")]
    [InlineData("{\"keys\": []}")]
    [InlineData("not json")]
    [InlineData("{\"keys\": [{\"kty\": \"oct\", \"k\": \"c2VjcmV0\", \"kid\": \"key-1\"}]}")]
    public async Task UnusableKeySetsMakeTheProviderUnavailable(string jwks)
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["jwks_uri"] = metadata["issuer"] + "/bad-jwks");
        app.Provider.Server
            .Given(WireMock.RequestBuilders.Request.Create().WithPath("/bad-jwks").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody(jwks));

        var response = await app.CreateBrowser().GetAsync("/login");

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
    }

    [Fact]
    public async Task RotatedKeysAreAcceptedAfterExactlyOneJwksRefetch()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.RotateKeys();

        var callback = await app.LoginAsync(app.CreateBrowser());

        Assert.Contains("authapi.session", callback.CookiesWritten());
        Assert.Equal(2, app.Provider.RequestsTo("/jwks"));
        Assert.Equal(1, app.Provider.RequestsTo(DiscoveryPath));
    }

    [Fact]
    public async Task AFloodOfUnknownKeyIdsRefetchesKeysAtMostOncePerInterval()
    {
        await using var app = new TestApp();
        var unknownKey = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(TestKeys.Rotated.Rsa) { KeyId = "never-published" };
        await app.CreateBrowser().StartLoginAsync();

        for (var i = 0; i < 5; i++)
        {
            var callback = await app.LoginAsync(app.CreateBrowser(), new Grant { SigningKey = unknownKey });
            CallbackAssert.FailedWith(callback, "id_token_invalid");
        }
        var withinInterval = app.Provider.RequestsTo("/jwks");
        app.Time.Advance(TimeSpan.FromSeconds(6));
        await app.LoginAsync(app.CreateBrowser(), new Grant { SigningKey = unknownKey });

        Assert.Equal(2, withinInterval);
        Assert.Equal(3, app.Provider.RequestsTo("/jwks"));
    }

    private static async Task Eventually(Func<bool> condition) => await Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("The condition did not become true within 5 seconds.");
    }
}
