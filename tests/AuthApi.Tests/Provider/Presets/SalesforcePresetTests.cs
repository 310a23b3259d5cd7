using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = salesforce</c> against Salesforce's published document: refresh tokens for the <c>refresh_token</c> scope, no
/// end-session endpoint, a revocation endpoint; token responses with no <c>expires_in</c> and an opaque access token (so
/// <c>DefaultAccessTokenLifetime</c>, 1 h, decides when to refresh), and refresh responses without a new refresh token.
/// </summary>
public sealed class SalesforcePresetTests
{
    private const string IdentityUrl = "https://login.salesforce.com/id/00D5g000004ZbXlEAK/0055g00000F2xYzAAJ";

    private static readonly Grant SalesforceUser = new()
    {
        Subject = IdentityUrl,
        AccessToken = "00D5g000004ZbXl!AQ0AQH" + Guid.NewGuid().ToString("N"),
        RefreshToken = "5Aep861TSESvWeug_xvFHRBTTbf_" + Guid.NewGuid().ToString("N"),
        ExpiresIn = 0,
        Claims = new()
        {
            ["name"] = "Ada Lovelace",
            ["email"] = "ada@example.com",
            ["email_verified"] = true,
            ["preferred_username"] = "ada@acme.example.com",
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
        },
        UserInfo = new()
        {
            ["sub"] = IdentityUrl,
            ["user_id"] = "0055g00000F2xYzAAJ",
            ["organization_id"] = "00D5g000004ZbXlEAK",
            ["preferred_username"] = "ada@acme.example.com",
            ["nickname"] = "ada",
            ["name"] = "Ada Lovelace",
            ["email"] = "ada@example.com",
            ["email_verified"] = true,
            ["active"] = true,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = -28800000,
            ["urls"] = new Dictionary<string, string> { ["profile"] = "https://acme.my.salesforce.com/0055g00000F2xYzAAJ" },
        },
        TokenResponseMembers = new()
        {
            ["signature"] = "uQ8Xx3e9zE1c8lHk0vW4p2mYtRrN5aBbCcDdEeFfGg0=",
            ["scope"] = "refresh_token openid profile email",
            ["instance_url"] = "https://acme.my.salesforce.com",
            ["id"] = IdentityUrl,
            ["issued_at"] = "1700000000000",
        },
    };

    [Fact]
    public async Task ASalesforceUserLogsInRefreshesAfterTheDefaultLifetimeAndNotBeforeAndLogsOutLocallyWithTheRefreshTokenRevoked()
    {
        await using var salesforce = ProviderReplica.Start("salesforce", ProviderKinds.Salesforce);
        salesforce.Provider.RotateRefreshTokens = false; // Salesforce keeps the refresh token
        var browser = salesforce.App.CreateBrowser();

        var authorizationUrl = await salesforce.LoginAsync(browser, SalesforceUser);

        salesforce.AssertAuthorizationUrl(authorizationUrl, "openid profile email refresh_token");
        Assert.Equal(salesforce.Url("https://login.salesforce.com/services/oauth2/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal(IdentityUrl, me.GetProperty("sub").GetString());
        Assert.Equal("00D5g000004ZbXlEAK", me.GetProperty("claims").GetProperty("organization_id").GetString());

        var early = await salesforce.RefreshAfterAsync(browser, TimeSpan.FromMinutes(58));

        Assert.Equal(SalesforceUser.AccessToken, early);
        Assert.Equal(0, salesforce.Provider.RefreshGrants);

        var refreshed = await salesforce.RefreshAfterAsync(browser, TimeSpan.FromMinutes(2));

        salesforce.AssertOneRefreshGrant(SalesforceUser, refreshed);
        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");
        Assert.Equal(salesforce.App.Time.GetUtcNow().AddHours(1), tokens.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());

        var logoutUrl = await ProviderReplica.LogoutAsync(browser);

        Assert.Equal("/", logoutUrl.OriginalString);
        Assert.Equal([SalesforceUser.RefreshToken!], salesforce.Provider.RevokedTokens);
        Assert.Equal(1, salesforce.Provider.RequestsTo("/services/oauth2/revoke"));
    }
}
