using AuthApi.Options;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// <c>Kind = entra</c> against Microsoft Entra ID's published v2.0 documents, of one tenant and of <c>common</c> (issuer
/// <c>https://login.microsoftonline.com/{tenantid}/v2.0</c>): no revocation endpoint, userinfo on graph.microsoft.com (which the
/// preset does not call), refresh tokens for <c>offline_access</c>, rotated with every refresh.
/// </summary>
public sealed class EntraPresetTests
{
    private const string TenantId = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private const string OtherTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Scope = "openid profile email offline_access";
    private const string SessionState = "&session_state=5f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a098"; // Entra sends it with the code

    [Fact]
    public async Task AnEntraUserOfTheTenantLogsInWithoutUserInfoRefreshesAndLogsOutAtTheTenantsEndSessionEndpoint()
    {
        await using var entra = ProviderReplica.Start("entra", ProviderKinds.Entra);
        var browser = entra.App.CreateBrowser();
        var user = EntraUser(TenantId);

        var authorizationUrl = await entra.LoginAsync(browser, user, SessionState);

        entra.AssertAuthorizationUrl(authorizationUrl, Scope);
        Assert.Equal(entra.Url($"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal("entra", me.GetProperty("provider").GetString());
        Assert.Equal("ada@contoso.onmicrosoft.com", me.GetProperty("claims").GetProperty("preferred_username").GetString());
        Assert.Equal(TenantId, me.GetProperty("claims").GetProperty("tid").GetString());
        Assert.Equal(0, entra.Provider.RequestsTo("/oidc/userinfo"));

        var refreshed = await entra.RefreshAfterAsync(browser, TimeSpan.FromSeconds(4763));

        entra.AssertOneRefreshGrant(user, refreshed);
        var idToken = await ProviderReplica.IdTokenAsync(browser);
        var logoutUrl = await ProviderReplica.LogoutAsync(browser);

        ProviderReplica.AssertLogoutUrl(logoutUrl, entra.Url($"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["post_logout_redirect_uri"] = AuthApiFactory.RedirectUri,
            ["id_token_hint"] = idToken,
        });
        Assert.Empty(entra.Provider.RevokedTokens);
        Assert.Equal(["basic", "basic"], entra.Provider.TokenClientAuthentications); // code, refresh; nothing to revoke at
    }

    [Fact]
    public async Task AUserOfAnAllowedTenantLogsInAtCommonRefreshesAndLogsOutAtCommonsEndSessionEndpoint()
    {
        await using var entra = MultiTenant();
        var browser = entra.App.CreateBrowser();
        var user = EntraUser(TenantId, issuer: entra.Issuer.Replace("{tenantid}", TenantId, StringComparison.Ordinal));

        var authorizationUrl = await entra.LoginAsync(browser, user, SessionState);

        entra.AssertAuthorizationUrl(authorizationUrl, Scope);
        Assert.Equal(entra.Url("https://login.microsoftonline.com/common/oauth2/v2.0/authorize"), authorizationUrl.GetLeftPart(UriPartial.Path));
        var me = await ProviderReplica.MeAsync(browser);
        Assert.Equal(TenantId, me.GetProperty("claims").GetProperty("tid").GetString());
        Assert.Equal(entra.Url($"https://login.microsoftonline.com/{TenantId}/v2.0"), me.GetProperty("claims").GetProperty("iss").GetString());

        var refreshed = await entra.RefreshAfterAsync(browser, TimeSpan.FromSeconds(4763));

        entra.AssertOneRefreshGrant(user, refreshed);
        var idToken = await ProviderReplica.IdTokenAsync(browser);
        ProviderReplica.AssertLogoutUrl(await ProviderReplica.LogoutAsync(browser), entra.Url("https://login.microsoftonline.com/common/oauth2/v2.0/logout"), new Dictionary<string, string>
        {
            ["client_id"] = TestProvider.ClientId,
            ["post_logout_redirect_uri"] = AuthApiFactory.RedirectUri,
            ["id_token_hint"] = idToken,
        });
    }

    [Fact]
    public async Task AUserOfATenantNotAllowedAtCommonIsRefusedAndGetsNoSession()
    {
        await using var entra = MultiTenant();
        var browser = entra.App.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await entra.App.CompleteLoginAsync(browser, authorizationUrl,
            EntraUser(OtherTenantId, issuer: entra.Issuer.Replace("{tenantid}", OtherTenantId, StringComparison.Ordinal)));

        CallbackAssert.FailedWith(callback, "id_token_invalid");
        Assert.False(await browser.IsLoggedInAsync());
    }

    private static ProviderReplica MultiTenant() => ProviderReplica.Start("entra-common", ProviderKinds.Entra, authorityPath: "/common/v2.0",
        configure: settings => settings["Auth:Providers:entra:AllowedTenants:0"] = TenantId);

    /// <summary>A v2.0 ID token of a work account in <paramref name="tenant"/>, signed by the common keys.</summary>
    private static Grant EntraUser(string tenant, string? issuer = null) => new()
    {
        Subject = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        AccessToken = "eyJ0eXAiOiJKV1QiLCJub25jZSI6Ik" + Guid.NewGuid().ToString("N"),
        RefreshToken = "0.AXEAgvqL" + Guid.NewGuid().ToString("N"),
        ExpiresIn = 4763,
        Claims = new()
        {
            ["ver"] = "2.0",
            ["tid"] = tenant,
            ["oid"] = "00000000-0000-0000-66f3-3332eca7ea81",
            ["name"] = "Ada Lovelace",
            ["preferred_username"] = "ada@contoso.onmicrosoft.com",
            ["email"] = "ada@contoso.com",
            ["aio"] = "DkTGnK!hGLfCqCx1Lk0wUGz",
            ["rh"] = "0.AXEAgvqLkcFsW0yxEjajBLZtrQ.",
            ["uti"] = "hBPOn7WOLUqnTGAQlb4AAA",
        },
        ChangeIdToken = payload =>
        {
            if (issuer is not null)
            {
                payload["iss"] = issuer;
            }
            payload["nbf"] = payload["iat"];
        },
        TokenResponseMembers = new() { ["scope"] = "email openid profile User.Read", ["ext_expires_in"] = 4763 },
    };
}
