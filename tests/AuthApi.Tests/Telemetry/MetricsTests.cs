using AuthApi.Contracts;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuthApi.Tests.Telemetry;

/// <summary>The <c>AuthApi</c> meter's counters move with logins, refreshes, logouts, provider fetches and the rate limit.</summary>
public sealed class MetricsTests
{
    private const string Provider = AuthApiFactory.ProviderName;

    [Fact]
    public async Task ALoginMovesLoginsStartedAndSucceededTaggedWithItsProvider()
    {
        await using var app = new TestApp();
        using var started = app.Collect("authapi.logins.started");
        using var succeeded = app.Collect("authapi.logins.succeeded");
        using var failed = app.Collect("authapi.logins.failed");

        await app.LoginAsync(app.CreateBrowser());

        Assert.Equal(1, started.Sum(("provider", Provider)));
        Assert.Equal(1, succeeded.Sum(("provider", Provider)));
        Assert.Empty(failed.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ACallbackWithTheProvidersErrorMovesLoginsFailedWithProviderError()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        using var succeeded = app.Collect("authapi.logins.succeeded");
        using var failed = app.Collect("authapi.logins.failed");

        await browser.GetAsync($"/oauth2callback?error=access_denied&state={authorizationUrl.Query()["state"]}");

        var failure = Assert.Single(failed.GetMeasurementSnapshot());
        Assert.Equal(ErrorCodes.ProviderError, failure.Tags["error_code"]);
        Assert.Equal(Provider, failure.Tags["provider"]);
        Assert.Empty(succeeded.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ACallbackWithAnAlteredStateMovesLoginsFailedWithStateMismatch()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        var state = authorizationUrl.Query()["state"];
        var altered = state[..20] + (state[20] == 'A' ? 'B' : 'A') + state[21..];
        using var failed = app.Collect("authapi.logins.failed");

        await browser.GetAsync($"/oauth2callback?code=any&state={altered}");

        Assert.Equal(1, failed.Sum(("error_code", ErrorCodes.StateMismatch), ("provider", Provider)));
    }

    [Fact]
    public async Task ACallbackMatchingNoLoginMovesLoginsFailedWithLoginExpiredAndNoProvider()
    {
        await using var app = new TestApp();
        using var failed = app.Collect("authapi.logins.failed");

        await app.CreateBrowser().GetAsync("/oauth2callback?code=any&state=unknown");

        Assert.Equal(1, failed.Sum(("error_code", ErrorCodes.LoginExpired), ("provider", null)));
    }

    [Fact]
    public async Task ALoginRefusedWhileTheProviderIsDownMovesLoginsFailedWithProviderUnavailable()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();
        using var started = app.Collect("authapi.logins.started");
        using var failed = app.Collect("authapi.logins.failed");

        var login = await app.CreateBrowser().GetAsync("/login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Equal(1, failed.Sum(("error_code", ErrorCodes.ProviderUnavailable), ("provider", Provider)));
        Assert.Empty(started.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task RefreshesAreCountedByOutcome()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        using var refreshes = app.Collect("authapi.token.refreshes");

        await RefreshAsync(browser);
        app.Provider.RefreshStatus = 503;
        await RefreshAsync(browser);
        app.Provider.RefreshStatus = 200;
        app.Provider.RevokeAllRefreshTokens();
        await RefreshAsync(browser);

        Assert.Equal(1, refreshes.Sum(("outcome", "refreshed"), ("provider", Provider)));
        Assert.Equal(1, refreshes.Sum(("outcome", "failed"), ("provider", Provider)));
        Assert.Equal(1, refreshes.Sum(("outcome", "invalid_grant"), ("provider", Provider)));
        Assert.Equal(3, refreshes.Sum());
    }

    [Fact]
    public async Task ALogoutThroughTheProviderIsOfKindProvider()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        using var logouts = app.Collect("authapi.logouts");

        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout")); // anonymous now: nothing ends

        Assert.Equal(1, logouts.Sum(("kind", "provider"), ("provider", Provider)));
        Assert.Equal(1, logouts.Sum());
    }

    [Fact]
    public async Task ALogoutWithoutTheProvidersEndSessionEndpointIsOfKindLocal()
    {
        await using var app = new TestApp(settings => settings[$"Auth:Providers:{Provider}:UseEndSessionEndpoint"] = "false");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        using var logouts = app.Collect("authapi.logouts");

        await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));

        Assert.Equal(1, logouts.Sum(("kind", "local"), ("provider", Provider)));
    }

    [Fact]
    public async Task TheFirstLoginFetchesTheMetadataAndKeySetOnce()
    {
        await using var app = new TestApp();
        using var discovery = app.Collect("authapi.discovery.fetches");
        using var jwks = app.Collect("authapi.jwks.fetches");

        await app.LoginAsync(app.CreateBrowser());
        await app.LoginAsync(app.CreateBrowser());

        Assert.Equal(1, discovery.Sum(("outcome", "success"), ("provider", Provider)));
        Assert.Equal(1, jwks.Sum(("outcome", "success"), ("provider", Provider)));
        Assert.Equal(1, discovery.Sum());
        Assert.Equal(1, jwks.Sum());
    }

    [Fact]
    public async Task AFailedMetadataFetchIsCountedWithTheCauseReadyzNames()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();
        using var discovery = app.Collect("authapi.discovery.fetches");
        using var jwks = app.Collect("authapi.jwks.fetches");

        await app.CreateBrowser().GetAsync("/readyz");

        Assert.Equal(1, discovery.Sum(("outcome", "error_status"), ("provider", Provider)));
        Assert.Empty(jwks.GetMeasurementSnapshot()); // the document failed: no key set was asked for
    }

    [Fact]
    public async Task AnUnreadableKeySetIsAnInvalidKeysDiscoveryOfASuccessfulKeySetRequest()
    {
        await using var app = new TestApp();
        app.Provider.Server.Given(Request.Create().WithPath("/jwks")).AtPriority(-1).RespondWith(Response.Create().WithBody("not json"));
        using var discovery = app.Collect("authapi.discovery.fetches");
        using var jwks = app.Collect("authapi.jwks.fetches");

        await app.CreateBrowser().GetAsync("/readyz");

        Assert.Equal(1, discovery.Sum(("outcome", "invalid_keys"), ("provider", Provider)));
        Assert.Equal(1, jwks.Sum(("outcome", "success"), ("provider", Provider)));
    }

    [Fact]
    public async Task AKeySetThatAnswersAnErrorIsAnErrorStatusKeySetRequest()
    {
        await using var app = new TestApp();
        app.Provider.Server.Given(Request.Create().WithPath("/jwks")).AtPriority(-1).RespondWith(Response.Create().WithStatusCode(500));
        using var jwks = app.Collect("authapi.jwks.fetches");

        await app.CreateBrowser().GetAsync("/readyz");

        Assert.Equal(1, jwks.Sum(("outcome", "error_status"), ("provider", Provider)));
    }

    [Fact]
    public async Task RequestsRefusedByTheRateLimitAreCountedByRoute()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "2");
        var client = app.CreateBareClient();
        using var limited = app.Collect("authapi.rate_limited");
        await client.GetAsync("/login");
        await client.GetAsync("/oauth2callback");

        await client.GetAsync("/login");
        await client.GetAsync("/oauth2callback");
        await client.GetAsync("/oauth2callback/other");

        Assert.Equal(1, limited.Sum(("route", "/login")));
        Assert.Equal(1, limited.Sum(("route", "/oauth2callback")));
        Assert.Equal(1, limited.Sum(("route", "/oauth2callback/{provider}")));
    }

    [Fact]
    public async Task WithCookieSessionsThereIsNoActiveSessionsGauge()
    {
        await using var app = new TestApp();
        using var gauge = app.Collect("authapi.sessions.active");
        await app.LoginAsync(app.CreateBrowser());

        gauge.RecordObservableInstruments();

        Assert.Null(gauge.Instrument);
        Assert.Empty(gauge.GetMeasurementSnapshot());
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient browser) =>
        browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));
}
