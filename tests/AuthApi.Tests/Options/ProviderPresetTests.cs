using AuthApi.Options;
using Microsoft.Extensions.Configuration;

namespace AuthApi.Tests.Options;

/// <summary><c>Auth:Providers:{name}:Kind</c>: a provider's documented defaults, under every key configuration sets.</summary>
public sealed class ProviderPresetTests
{
    [Fact]
    public void GooglePresetSuppliesGooglesMetadataUrlAndName()
    {
        var provider = Bind(("Kind", "google"));

        Assert.Equal("https://accounts.google.com/.well-known/openid-configuration", provider.ServerMetadataUrl);
        Assert.Equal("Google", provider.DisplayName);
        Assert.Equal("openid profile email", provider.Scope);
        Assert.Empty(provider.AuthorizeParameters);
    }

    [Fact]
    public void GoogleTurnsOfflineAccessIntoAccessTypeOfflineWithConsent()
    {
        var provider = Bind(("Kind", "google"), ("Scope", "openid email offline_access profile"));

        Assert.Equal("openid email profile", provider.Scope);
        Assert.Equal("offline", provider.AuthorizeParameters["access_type"]);
        Assert.Equal("consent", provider.AuthorizeParameters["prompt"]);
    }

    [Fact]
    public void GooglesConfiguredPromptWinsOverThePresetsConsent()
    {
        var provider = Bind(("Kind", "google"), ("Scope", "openid offline_access"), ("AuthorizeParameters:prompt", "select_account consent"));

        Assert.Equal("select_account consent", provider.AuthorizeParameters["prompt"]);
        Assert.Equal("offline", provider.AuthorizeParameters["access_type"]);
    }

    [Fact]
    public void OfflineAccessStaysInTheScopeOfOtherKinds()
    {
        var provider = Bind(("Kind", "okta"), ("ServerMetadataUrl", "https://example.okta.com/oauth2/default/.well-known/openid-configuration"));

        Assert.Equal("openid profile email offline_access", provider.Scope);
        Assert.Empty(provider.AuthorizeParameters);
    }

    [Fact]
    public void EntraPresetSkipsUserInfoAndAsksForRefreshTokens()
    {
        var provider = Bind(("Kind", "entra"));

        Assert.False(provider.UseUserInfo);
        Assert.Contains("offline_access", provider.Scope.Split(' '));
    }

    [Fact]
    public void ApplePresetAnswersByFormPostWithTheSecretInTheBody()
    {
        var provider = Bind(("Kind", "apple"));

        Assert.Equal("https://appleid.apple.com/.well-known/openid-configuration", provider.ServerMetadataUrl);
        Assert.Equal("form_post", provider.ResponseMode);
        Assert.Equal("client_secret_post", provider.TokenEndpointAuthMethod);
        Assert.Equal("openid name email", provider.Scope);
    }

    [Fact]
    public void ConfiguredKeysWinOverThePreset()
    {
        var provider = Bind(
            ("Kind", "apple"),
            ("ServerMetadataUrl", "https://appleid.example.test/.well-known/openid-configuration"),
            ("Scope", "openid email"),
            ("DisplayName", "Sign in with Apple"),
            ("TokenEndpointAuthMethod", "client_secret_basic"),
            ("ResponseMode", "query"),
            ("UseUserInfo", "true"));

        Assert.Equal("https://appleid.example.test/.well-known/openid-configuration", provider.ServerMetadataUrl);
        Assert.Equal("openid email", provider.Scope);
        Assert.Equal("Sign in with Apple", provider.DisplayName);
        Assert.Equal("client_secret_basic", provider.TokenEndpointAuthMethod);
        Assert.Equal("query", provider.ResponseMode);
        Assert.True(provider.UseUserInfo);
    }

    [Fact]
    public void EntraUserInfoCanBeSwitchedBackOn()
    {
        var provider = Bind(("Kind", "entra"), ("UseUserInfo", "true"));

        Assert.True(provider.UseUserInfo);
    }

    [Fact]
    public void KindIsReadWhateverItsCase()
    {
        var provider = Bind(("Kind", "Salesforce"));

        Assert.Equal("salesforce", provider.Kind);
        Assert.Equal("openid profile email refresh_token", provider.Scope);
    }

    [Fact]
    public void NoKindIsGenericWithNoDefaults()
    {
        var provider = Bind(("ServerMetadataUrl", "https://idp.example.test/.well-known/openid-configuration"));

        Assert.Equal("generic", provider.Kind);
        Assert.Null(provider.DisplayName);
        Assert.Equal("openid profile email", provider.Scope);
        Assert.True(provider.UseUserInfo);
    }

    [Fact]
    public void FlatProviderGetsItsPresetToo()
    {
        var options = BindAuth(new Dictionary<string, string?> { ["Auth:Kind"] = "google", ["Auth:ClientId"] = "id" });

        var provider = options.Providers[AuthOptions.FlatProviderName];
        Assert.Equal("https://accounts.google.com/.well-known/openid-configuration", provider.ServerMetadataUrl);
        Assert.Equal("id", provider.ClientId);
    }

    [Fact]
    public void UnknownKindIsAStartupErrorListingTheKinds()
    {
        var problems = Problems(("Kind", "github"), ("ServerMetadataUrl", "https://idp.example.test/.well-known/openid-configuration"), ("ClientId", "id"), ("ClientSecret", "secret"));

        var problem = Assert.Single(problems);
        Assert.Contains("Auth:Providers:p:Kind", problem);
        Assert.Contains("google, entra, okta", problem);
    }

    [Fact]
    public void MissingMetadataUrlOfATenantKindShowsItsShape()
    {
        var problems = Problems(("Kind", "cognito"), ("ClientId", "id"), ("ClientSecret", "secret"));

        var problem = Assert.Single(problems);
        Assert.Contains("Auth:Providers:p:ServerMetadataUrl", problem);
        Assert.Contains("https://cognito-idp.{region}.amazonaws.com/{user-pool-id}/.well-known/openid-configuration", problem);
    }

    private static ProviderOptions Bind(params (string Key, string Value)[] settings) =>
        BindAuth(settings.ToDictionary(setting => "Auth:Providers:p:" + setting.Key, setting => (string?)setting.Value)).Providers["p"];

    private static List<string> Problems(params (string Key, string Value)[] settings)
    {
        var all = settings.ToDictionary(setting => "Auth:Providers:p:" + setting.Key, setting => (string?)setting.Value);
        all["Auth:RedirectUri"] = "https://auth.example.test/oauth2callback";
        return [.. new AuthOptionsValidator().Validate(BindAuth(all)).Errors.Select(error => error.ErrorMessage)];
    }

    private static AuthOptions BindAuth(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new AuthOptions();
        new AuthOptionsSetup(new AuthSectionReview(configuration)).Configure(options);
        return options;
    }
}
