using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuthApi.Tests.Health;

/// <summary><c>GET /readyz</c>: ready when every provider's metadata loads; otherwise 503 naming each provider and why.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task ReadyzIsReadyWhenMetadataLoads()
    {
        await using var app = new TestApp();

        var ready = await app.CreateBrowser().GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("ready", ready.GetProperty("providers").GetProperty("test").GetString());
    }

    [Fact]
    public async Task AProviderAnsweringAnErrorStatusIsNamedWithThatCause()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();

        var (response, states, detail) = await ReadinessAsync(app);

        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("error_status", states["test"]);
        Assert.Contains("provider test is error status", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProviderThatDoesNotAnswerIsUnreachable()
    {
        await using var app = new TestApp(settings =>
            settings[$"Auth:Providers:{AuthApiFactory.ProviderName}:ServerMetadataUrl"] = $"http://127.0.0.1:{ClosedPort()}/.well-known/openid-configuration");

        var (_, states, detail) = await ReadinessAsync(app);

        Assert.Equal("unreachable", states["test"]);
        Assert.Contains("provider test is unreachable", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIssuerOtherThanTheMetadataUrlsAuthorityIsAnIssuerMismatch()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["issuer"] = "https://elsewhere.example");

        var (_, states, _) = await ReadinessAsync(app);

        Assert.Equal("issuer_mismatch", states["test"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"keys": []}""")]
    public async Task AnUnreadableOrEmptyKeySetIsInvalidKeys(string jwks)
    {
        await using var app = new TestApp();
        app.Provider.Server.Given(Request.Create().WithPath("/jwks")).AtPriority(-1).RespondWith(Response.Create().WithBody(jwks));

        var (_, states, _) = await ReadinessAsync(app);

        Assert.Equal("invalid_keys", states["test"]);
    }

    [Fact]
    public async Task AMetadataUrlAnswering404IsNotAnOpenIdConnectProvider()
    {
        await using var app = new TestApp();
        // GitHub's answer at /.well-known/openid-configuration: it is an OAuth 2.0 server only.
        app.Provider.Server.Given(Request.Create().WithPath("/.well-known/openid-configuration")).AtPriority(-1)
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"message": "Not Found"}"""));

        var (_, states, detail) = await ReadinessAsync(app);

        Assert.Equal("not_openid_connect", states["test"]);
        Assert.Contains("provider test is not an OpenID Connect provider", detail, StringComparison.Ordinal);
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Provider test is not an OpenID Connect provider", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("authorization_endpoint")]
    [InlineData("jwks_uri")]
    public async Task AMetadataDocumentWithoutWhatOpenIdConnectNeedsIsNotAnOpenIdConnectProvider(string member)
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata.Remove(member));

        var (_, states, _) = await ReadinessAsync(app);

        Assert.Equal("not_openid_connect", states["test"]);
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Provider test is not an OpenID Connect provider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProviderSigningOnlyWithEdDsaIsUnsupported()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["id_token_signing_alg_values_supported"] = new[] { "EdDSA" });
        app.Provider.Server.Given(Request.Create().WithPath("/jwks")).AtPriority(-1).RespondWith(Response.Create().WithBody(
            """{"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "ed-1", "use": "sig", "alg": "EdDSA", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"""));

        var (_, states, detail) = await ReadinessAsync(app);

        Assert.Equal("unsupported_algorithm", states["test"]);
        Assert.Contains("such as EdDSA", detail, StringComparison.Ordinal);
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("EdDSA (Ed25519) ID tokens are not supported", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProviderListingEdDsaBesideRs256IsReady()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["id_token_signing_alg_values_supported"] = new[] { "EdDSA", "RS256" });

        var ready = await app.CreateBrowser().GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal("ready", ready.GetProperty("providers").GetProperty("test").GetString());
    }

    [Fact]
    public async Task TheDiscoveryFailureLogSaysWhetherStaleMetadataIsStillServed()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        app.Provider.GoDown();
        await browser.GetAsync("/readyz");
        app.Provider.ComeBack();
        app.Time.Advance(TimeSpan.FromSeconds(11));
        await browser.GetAsync("/readyz");
        app.Provider.GoDown();
        app.Time.Advance(TimeSpan.FromHours(2));

        await browser.GetAsync("/login"); // starts the background re-fetch, which fails
        await Eventually(() => app.Factory.Logs.Lines.Any(line => line.Contains("still serving", StringComparison.Ordinal)));

        var failures = app.Factory.Logs.Lines.Where(line => line.Contains("Discovery for provider test failed", StringComparison.Ordinal)).ToList();
        Assert.Contains("no metadata was ever loaded, so logins with it answer 503 provider_unavailable", failures[0], StringComparison.Ordinal);
        Assert.Contains("still serving the metadata fetched at", failures[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbesWhileAProviderIsDownLogNoErrorPerProbe()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();
        var browser = app.CreateBrowser();

        for (var probe = 0; probe < 3; probe++)
        {
            await browser.GetAsync("/readyz");
            app.Time.Advance(TimeSpan.FromSeconds(11)); // past the backoff: each probe fetches again
        }

        Assert.Equal(3, app.Factory.Logs.Lines.Count(line => line.Contains("Discovery for provider test failed", StringComparison.Ordinal)));
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.StartsWith("Error ", StringComparison.Ordinal));
    }

    private static async Task<(HttpResponseMessage Response, Dictionary<string, string> States, string Detail)> ReadinessAsync(TestApp app)
    {
        var response = await app.CreateBrowser().GetAsync("/readyz");
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
        var states = problem.GetProperty("providers").Deserialize<Dictionary<string, string>>()!;
        return (response, states, problem.GetProperty("detail").GetString()!);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
