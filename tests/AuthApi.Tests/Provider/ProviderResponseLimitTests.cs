using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuthApi.Tests.Provider;

/// <summary>Provider calls follow no redirect (a 307 would re-post the client secret and PKCE verifier elsewhere) and refuse huge bodies.</summary>
public sealed class ProviderResponseLimitTests
{
    [Fact]
    public async Task ATokenEndpointRedirectIsNotFollowedAndFailsTheLogin()
    {
        await using var app = new TestApp();
        using var elsewhere = WireMockServer.Start();
        elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        app.Provider.Redirect("/token", elsewhere.Url + "/token");

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
        Assert.Empty(elsewhere.LogEntries);
    }

    [Fact]
    public async Task ATokenResponseOverTheSizeLimitFailsTheLogin()
    {
        await using var app = new TestApp();

        var callback = await app.LoginAsync(app.CreateBrowser(), new Grant { TokenResponsePadding = 2 * 1024 * 1024 });

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
    }

    [Fact]
    public async Task ATokenResponseWithinAConfiguredSizeLimitLogsIn()
    {
        await using var app = new TestApp(settings => settings["Auth:ProviderMaxResponseBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var callback = await app.LoginAsync(app.CreateBrowser(), new Grant { TokenResponsePadding = 2 * 1024 * 1024 });

        Assert.Contains("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task ADiscoveryDocumentOverTheSizeLimitLeavesTheProviderUnavailable()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["padding"] = new string('x', 2 * 1024 * 1024));

        var login = await app.CreateBrowser().GetAsync("/login");

        await ProblemAssert.IsAsync(login, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
    }
}
