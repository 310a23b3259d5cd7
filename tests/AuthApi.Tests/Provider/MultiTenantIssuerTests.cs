using static AuthApi.Tests.Infrastructure.MultiTenantProvider;

namespace AuthApi.Tests.Provider;

/// <summary>
/// A multi-tenant provider (Entra ID's <c>common</c> endpoint): its metadata's issuer is a template with <c>{tenantid}</c>; a
/// token is accepted only when its <c>iss</c> is that template filled with its own <c>tid</c>, a tenant the configuration allows.
/// </summary>
public sealed class MultiTenantIssuerTests
{
    private const string AllowedTenant = "11111111-1111-1111-1111-111111111111";
    private const string OtherTenant = "22222222-2222-2222-2222-222222222222";

    [Fact]
    public async Task LoginOfAnAllowedTenantSucceeds()
    {
        await using var app = CreateApp(AllowedTenant);
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, TokenOf(app, tenant: AllowedTenant));

        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal(AllowedTenant, me.GetProperty("claims").GetProperty("tid").GetString());
    }

    [Fact]
    public async Task LoginOfAnotherTenantIsIdTokenInvalidAndCreatesNoSession()
    {
        await using var app = CreateApp(AllowedTenant);
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, TokenOf(app, tenant: OtherTenant));

        CallbackAssert.FailedWith(callback, "id_token_invalid");
        Assert.False(await browser.IsLoggedInAsync());
    }

    [Fact]
    public async Task TokenWhoseIssuerNamesAnotherTenantThanItsTidIsIdTokenInvalid()
    {
        await using var app = CreateApp(AllowedTenant);
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, TokenOf(app, tenant: AllowedTenant, issuerTenant: OtherTenant));

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Fact]
    public async Task TokenWithoutTidIsIdTokenInvalid()
    {
        await using var app = CreateApp("*");
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, TokenOf(app, tenant: null, issuerTenant: AllowedTenant));

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Fact]
    public async Task StarAllowsAnyTenant()
    {
        await using var app = CreateApp("*");
        var browser = app.CreateBrowser();

        await app.LoginAsync(browser, TokenOf(app, tenant: OtherTenant));

        Assert.True(await browser.IsLoggedInAsync());
    }

    [Fact]
    public async Task WithoutAllowedTenantsTheProviderIsNotReadyAndSaysWhatToSet()
    {
        await using var app = CreateApp();

        var ready = await app.CreateBareClient().GetAsync("/readyz");
        var login = await app.CreateBareClient().GetAsync("/login");

        var body = await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
        Assert.Equal("invalid_metadata", body.GetProperty("providers").GetProperty("test").GetString());
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Auth:Providers:test:AllowedTenants", StringComparison.Ordinal));
        await ProblemAssert.IsAsync(login, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
    }

    [Fact]
    public async Task ATemplateOutsideTheMetadataUrlsAuthorityIsRefused()
    {
        await using var app = CreateApp(AllowedTenant, template: issuer => issuer + "/elsewhere/{tenantid}/v2.0");

        var ready = await app.CreateBareClient().GetAsync("/readyz");

        var body = await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, "provider_unavailable");
        Assert.Equal("issuer_mismatch", body.GetProperty("providers").GetProperty("test").GetString());
    }

    [Theory]
    [InlineData(AllowedTenant, null)]
    [InlineData(OtherTenant, "issuer_mismatch")]
    public async Task TheCallbacksIssMustBeTheTemplateFilledWithAnAllowedTenant(string issTenant, string? expectedError)
    {
        await using var app = CreateApp(AllowedTenant);
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        var iss = Uri.EscapeDataString(Template(app).Replace("{tenantid}", issTenant, StringComparison.Ordinal));

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl, TokenOf(app, tenant: AllowedTenant), extraQuery: $"&iss={iss}");

        if (expectedError is null)
        {
            Assert.Equal("/", callback.Headers.Location?.OriginalString);
        }
        else
        {
            CallbackAssert.FailedWith(callback, expectedError);
            Assert.Equal(0, app.Provider.RequestsTo("/token"));
        }
    }
}
