namespace AuthApi.Tests.Logging;

/// <summary>
/// No log line holds a code, token, secret, nonce or cookie value, whatever the logging configuration: provider-specific
/// levels (<c>Logging:{provider}:LogLevel</c>) beat the service's own category filters, so each is tried.
/// </summary>
public sealed class LogSecrecyTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("Logging:Collector:LogLevel:Default", "Trace")]
    [InlineData("Logging:Collector:LogLevel:Default", "Information")]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace")]
    [InlineData("Logging:Collector:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace")]
    [InlineData("Logging:Collector:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics*", "Trace")]
    public async Task NoTokenCodeSecretNonceOrCookieIsLoggedAcrossLoginTokensAndLogout(string? key, string? level)
    {
        await using var app = new TestApp(settings =>
        {
            if (key is not null)
            {
                settings[key] = level;
            }
        });
        var browser = app.CreateBrowser(out var cookies);
        var grant = new Grant();
        var authorizationUrl = await browser.StartLoginAsync();
        var code = app.Provider.IssueCode(authorizationUrl, grant);
        await browser.GetAsync($"/oauth2callback?code={code}&state={authorizationUrl.Query()["state"]}");
        var idToken = (await browser.GetFromJsonAsync<JsonElement>("/me/tokens")).GetProperty("id").GetString()!;
        var sessionCookie = cookies.GetAllCookies().Single(cookie => cookie.Name == "authapi.session").Value;
        var logoutLink = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString()!;
        var logout = await browser.GetAsync(logoutLink);

        Assert.Contains("id_token_hint=", logout.Headers.Location!.Query, StringComparison.Ordinal);
        var secrets = new[] { code, grant.AccessToken, grant.RefreshToken!, idToken, TestProvider.ClientSecret, authorizationUrl.Query()["nonce"], sessionCookie };
        Assert.All(app.Factory.Logs.Lines, line => Assert.DoesNotContain(secrets, secret => line.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EachRequestIsLoggedWithItsPathButNotItsQuery()
    {
        await using var app = new TestApp(settings => settings["Logging:Collector:LogLevel:Default"] = "Information");

        await app.CreateBrowser().GetAsync("/oauth2callback?code=secret-code&state=some-state");

        var line = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("GET /oauth2callback answered 302", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-code", line, StringComparison.Ordinal);
    }
}
