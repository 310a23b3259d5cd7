using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Logout;

/// <summary>
/// Logout at providers whose discovery names no standard end-session endpoint (a configured one, PingFederate's own name for
/// it), and each provider's own landing page after its logout.
/// </summary>
public sealed class LogoutEndpointSettingsTests
{
    private const string ConfiguredEndpoint = "https://tenant.example.com/v2/logout";

    [Fact]
    public async Task ProviderWithoutEndSessionEndpointLogsOutAtTheConfiguredOne()
    {
        await using var app = new TestApp(
            settings => settings["Auth:Providers:test:EndSessionEndpoint"] = ConfiguredEndpoint,
            changeMetadata: metadata => metadata.Remove("end_session_endpoint"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var logoutUrl = await LogoutUrlAsync(browser);

        Assert.Equal(ConfiguredEndpoint, logoutUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(TestProvider.ClientId, logoutUrl.Query()["client_id"]);
        Assert.Equal("http://localhost/oauth2callback", logoutUrl.Query()["post_logout_redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(logoutUrl.Query()["id_token_hint"]));
    }

    [Fact]
    public async Task TheConfiguredEndpointWinsOverTheDocuments()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:EndSessionEndpoint"] = ConfiguredEndpoint);
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        Assert.Equal(ConfiguredEndpoint, (await LogoutUrlAsync(browser)).GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task PingFederatesEndSessionEndpointIsUsedWhenTheStandardOneIsMissing()
    {
        var pingEndpoint = "";
        await using var app = new TestApp(changeMetadata: metadata =>
        {
            pingEndpoint = (string)metadata["end_session_endpoint"] + "/ping";
            metadata["ping_end_session_endpoint"] = pingEndpoint;
            metadata.Remove("end_session_endpoint");
        });
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        Assert.Equal(pingEndpoint, (await LogoutUrlAsync(browser)).GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task TurningTheEndSessionEndpointOffAlsoIgnoresTheConfiguredOne()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Providers:test:EndSessionEndpoint"] = ConfiguredEndpoint;
            settings["Auth:Providers:test:UseEndSessionEndpoint"] = "false";
        });
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        Assert.Equal("/", (await LogoutUrlAsync(browser)).OriginalString);
    }

    [Fact]
    public async Task ALocalLogoutLandsOnTheProvidersOwnReturnUrl()
    {
        await using var app = new TestApp(
            settings =>
            {
                settings["Auth:PostLogoutReturnUrl"] = "/bye";
                settings["Auth:Providers:test:PostLogoutReturnUrl"] = "/signed-out-of-test";
            },
            changeMetadata: metadata => metadata.Remove("end_session_endpoint"));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        Assert.Equal("/signed-out-of-test", (await LogoutUrlAsync(browser)).OriginalString);
    }

    [Fact]
    public async Task TheReturnFromAProvidersLogoutLandsOnItsOwnReturnUrl()
    {
        using var other = new TestProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Providers:other:ServerMetadataUrl"] = other.MetadataUrl;
            settings["Auth:Providers:other:ClientId"] = TestProvider.ClientId;
            settings["Auth:Providers:other:ClientSecret"] = TestProvider.ClientSecret;
            settings["Auth:PostLogoutReturnUrl"] = "/bye";
            settings["Auth:Providers:test:PostLogoutReturnUrl"] = "https://app.example.com/signed-out";
        });
        var browser = app.CreateBrowser();

        var fromTest = await browser.GetAsync("/oauth2callback/test");
        var fromOther = await browser.GetAsync("/oauth2callback/other");

        Assert.Equal("https://app.example.com/signed-out", fromTest.Headers.Location!.OriginalString);
        Assert.Equal("/bye", fromOther.Headers.Location!.OriginalString);
    }

    private static async Task<Uri> LogoutUrlAsync(HttpClient browser)
    {
        var response = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("logoutUrl").GetString()!, UriKind.RelativeOrAbsolute);
    }
}
