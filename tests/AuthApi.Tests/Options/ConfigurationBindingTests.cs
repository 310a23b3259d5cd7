using AuthApi.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AuthApi.Tests.Options;

/// <summary>How the <c>Auth</c> section binds through the service's own registration: the flat provider and list forms.</summary>
public sealed class ConfigurationBindingTests
{
    [Fact]
    public async Task FlatSingleProviderIsBoundAsProviderDefault()
    {
        await using var app = new TestApp(UseFlatProvider);

        var options = BoundOptions(app);

        var provider = Assert.Single(options.Providers);
        Assert.Equal("default", provider.Key);
        Assert.Equal(TestProvider.ClientId, provider.Value.ClientId);
        Assert.Equal(TestProvider.ClientSecret, provider.Value.ClientSecret);
        Assert.Equal(app.Provider.MetadataUrl, provider.Value.ServerMetadataUrl);
    }

    [Fact]
    public async Task LoginWithoutProviderUsesTheFlatProvider()
    {
        await using var app = new TestApp(UseFlatProvider);
        var browser = app.CreateBrowser();

        var authorizationUrl = await browser.StartLoginAsync();
        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.Equal(TestProvider.ClientId, authorizationUrl.Query()["client_id"]);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal("default", me.GetProperty("provider").GetString());
    }

    [Theory]
    [InlineData("id,access")]
    [InlineData("id, access")]
    [InlineData("id access")]
    public async Task ExposeTokensGivenAsOneStringBindsEachKind(string value)
    {
        await using var app = new TestApp(settings => settings["Auth:ExposeTokens"] = value);

        var options = BoundOptions(app);

        Assert.Equal(["id", "access"], options.ExposeTokens);
    }

    [Fact]
    public async Task ExposeTokensGivenAsListBindsEachKind()
    {
        await using var app = new TestApp(settings =>
        {
            settings.Remove("Auth:ExposeTokens");
            settings["Auth:ExposeTokens:0"] = "id";
            settings["Auth:ExposeTokens:1"] = "access";
        });

        var options = BoundOptions(app);

        Assert.Equal(["id", "access"], options.ExposeTokens);
    }

    /// <summary>An operator's environment variables adding to an empty list in appsettings.json (no WebApplicationFactory involved).</summary>
    [Fact]
    public void ExposeTokensListItemsOverridingAnEmptyJsonListBind()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration
            .AddJsonStream(new MemoryStream("""{ "Auth": { "ExposeTokens": [], "AllowedOrigins": [] } }"""u8.ToArray()))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:RedirectUri"] = "https://app.example.com/oauth2callback",
                ["Auth:Providers:idp:ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration",
                ["Auth:Providers:idp:ClientId"] = "client-id",
                ["Auth:Providers:idp:ClientSecret"] = "client-secret",
                ["Auth:ExposeTokens:0"] = "id",
                ["Auth:ExposeTokens:1"] = "access",
                ["Auth:AllowedOrigins:0"] = AuthApiFactory.AllowedOrigin,
            });
        builder.AddAuthApi();
        using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<AuthOptions>>().Value;

        Assert.Equal(["id", "access"], options.ExposeTokens);
        Assert.Equal([AuthApiFactory.AllowedOrigin], options.AllowedOrigins);
    }

    [Fact]
    public async Task ExposeTokensGivenAsListDecideWhatMeTokensReturns()
    {
        await using var app = new TestApp(settings =>
        {
            settings.Remove("Auth:ExposeTokens");
            settings["Auth:ExposeTokens:0"] = "id";
        });
        var browser = app.CreateBrowser();
        var grant = new Grant();
        await app.LoginAsync(browser, grant);

        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.StartsWith("eyJ", tokens.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(tokens.TryGetProperty("access", out _));
        Assert.False(tokens.TryGetProperty("refresh", out _));
    }

    /// <summary>The validator accepts a trailing slash on an origin; CORS must then still allow that origin.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task AllowedOriginAllowsThatOriginForCorsWithOrWithoutTrailingSlash(string suffix)
    {
        await using var app = new TestApp(settings => settings["Auth:AllowedOrigins"] = AuthApiFactory.AllowedOrigin + suffix);
        var client = app.CreateBareClient();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/me");
        preflight.Headers.Add("Origin", AuthApiFactory.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await client.SendAsync(preflight);

        Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed), "no Access-Control-Allow-Origin header");
        Assert.Equal([AuthApiFactory.AllowedOrigin], allowed);
    }

    private static AuthOptions BoundOptions(TestApp app) =>
        app.Factory.Services.GetRequiredService<IOptions<AuthOptions>>().Value;

    /// <summary>Moves the test provider from <c>Auth:Providers:test:*</c> to the flat <c>Auth:*</c> form.</summary>
    private static void UseFlatProvider(Dictionary<string, string?> settings)
    {
        var prefix = $"Auth:Providers:{AuthApiFactory.ProviderName}:";
        foreach (var key in settings.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            settings["Auth:" + key[prefix.Length..]] = settings[key];
            settings.Remove(key);
        }
    }
}
