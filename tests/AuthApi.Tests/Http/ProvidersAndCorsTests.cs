namespace AuthApi.Tests.Http;

public sealed class ProvidersAndCorsTests
{
    [Fact]
    public async Task ProvidersListsNameDisplayNameAndLoginUrl()
    {
        await using var app = new TestApp();

        var providers = await app.CreateBrowser().GetFromJsonAsync<JsonElement>("/providers");

        var provider = Assert.Single(providers.EnumerateArray());
        Assert.Equal("test", provider.GetProperty("name").GetString());
        Assert.Equal("Test Provider", provider.GetProperty("displayName").GetString());
        Assert.Equal("/login?provider=test", provider.GetProperty("loginUrl").GetString());
    }

    [Fact]
    public async Task HealthzAnswersAlive()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();

        var health = await app.CreateBrowser().GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("alive", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PreflightFromAnAllowedOriginIsAllowedWithCredentials()
    {
        await using var app = new TestApp();

        var response = await Preflight(app, AuthApiFactory.AllowedOrigin);

        Assert.Equal(AuthApiFactory.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Contains("X-CSRF", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://app.example.com.evil.example")]
    [InlineData("null")]
    public async Task OtherOriginsAreNeverReflected(string origin)
    {
        await using var app = new TestApp();

        var preflight = await Preflight(app, origin);
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Origin", origin);
        var simple = await app.CreateBrowser().SendAsync(request);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static Task<HttpResponseMessage> Preflight(TestApp app, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/logout");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-csrf");
        return app.CreateBrowser().SendAsync(request);
    }
}
