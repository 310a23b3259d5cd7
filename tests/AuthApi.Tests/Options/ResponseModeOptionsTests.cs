using AuthApi.Options;

namespace AuthApi.Tests.Options;

/// <summary>The startup checks of <c>Auth:Providers:{name}:ResponseMode</c>.</summary>
public sealed class ResponseModeOptionsTests
{
    private const string Provider = "idp";

    [Fact]
    public void TheResponseModeDefaultsToQuery()
    {
        Assert.Equal("query", new ProviderOptions().ResponseMode);
        Assert.Empty(Validate(responseMode: null));
    }

    [Fact]
    public void AnUnknownResponseModeIsReportedNamingTheKeyAndTheValues()
    {
        var problem = Assert.Single(Validate(responseMode: "fragment"));

        Assert.Contains($"Auth:Providers:{Provider}:ResponseMode", problem, StringComparison.Ordinal);
        Assert.Contains("query or form_post", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://app.example.com/oauth2callback")]
    [InlineData("http://localhost:8080/oauth2callback")]
    [InlineData("http://127.0.0.1:8080/oauth2callback")]
    public void FormPostIsAcceptedOnHttpsAndOnLoopback(string redirectUri)
    {
        Assert.Empty(Validate(responseMode: "form_post", redirectUri));
    }

    [Fact]
    public void FormPostOnAPlainHttpHostIsReportedBecauseItsLoginCookieMustBeSecure()
    {
        var problem = Assert.Single(Validate(responseMode: "form_post", "http://app.example.com/oauth2callback"));

        Assert.Contains($"Auth:Providers:{Provider}:ResponseMode", problem, StringComparison.Ordinal);
        Assert.Contains("https", problem, StringComparison.Ordinal);
        Assert.Contains("Secure", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryOnAPlainHttpHostIsAccepted()
    {
        Assert.Empty(Validate(responseMode: "query", "http://app.example.com/oauth2callback"));
    }

    private static List<string> Validate(string? responseMode, string redirectUri = "https://app.example.com/oauth2callback")
    {
        var provider = new ProviderOptions
        {
            ServerMetadataUrl = "https://idp.example.com/.well-known/openid-configuration",
            ClientId = "client-id",
            ClientSecret = "client-secret",
        };
        if (responseMode is not null)
        {
            provider.ResponseMode = responseMode;
        }
        var options = new AuthOptions
        {
            RedirectUri = redirectUri,
            Providers = { [Provider] = provider },
        };
        return [.. new AuthOptionsValidator().Validate(options).Errors.Select(error => error.ErrorMessage)];
    }
}
