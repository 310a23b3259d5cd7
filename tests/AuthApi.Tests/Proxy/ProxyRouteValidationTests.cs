using AuthApi.Options;
using Microsoft.Extensions.Configuration;

namespace AuthApi.Tests.Proxy;

/// <summary>The startup checks of <c>Auth:Proxy:Routes</c>: each message names the route's key and the fix.</summary>
public sealed class ProxyRouteValidationTests
{
    [Fact]
    public void AValidRouteHasNoProblems()
    {
        Assert.Empty(Validate(_ => { }));
    }

    [Theory]
    [InlineData("/me/{**rest}", "/me")]
    [InlineData("/login", "/login")]
    [InlineData("/{**rest}", "/login")]
    [InlineData("/metrics/extra/{**rest}", "/metrics")]
    [InlineData("/m{x}", "/me")]
    public void ARouteShadowingAuthApisOwnEndpointsIsReported(string path, string shadowed)
    {
        var problem = Assert.Single(Validate(route => route.Path = path));

        Assert.Contains("Auth:Proxy:Routes:orders:Path", problem);
        Assert.Contains($"AuthApi's own {shadowed}", problem);
    }

    [Theory]
    [InlineData("/mein/{**rest}")]
    [InlineData("/api/me/{**rest}")]
    public void ARouteBesideAuthApisEndpointsIsAccepted(string path)
    {
        Assert.Empty(Validate(route => route.Path = path));
    }

    [Theory]
    [InlineData("api/orders/{**rest}")]
    [InlineData("/api/{unclosed")]
    [InlineData("")]
    public void APathThatIsNoRoutePatternIsReported(string path)
    {
        Assert.Contains("Auth:Proxy:Routes:orders:Path must be a route pattern", Assert.Single(Validate(route => route.Path = path)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders.internal")]
    [InlineData("/relative")]
    [InlineData("ftp://orders.internal/")]
    [InlineData("https://orders.internal/?key=1")]
    public void ADestinationThatIsNoAbsoluteHttpUrlIsReported(string destination)
    {
        Assert.Contains("Auth:Proxy:Routes:orders:Destination", Assert.Single(Validate(route => route.Destination = destination)));
    }

    [Fact]
    public void ATokenModeThatIsNeitherUserNorNoneIsReported()
    {
        var problem = Assert.Single(Validate(route => route.Token = (ProxyTokenMode)7));

        Assert.Contains("Auth:Proxy:Routes:orders:Token must be User", problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ATimeoutThatIsNotPositiveIsReported(int seconds)
    {
        Assert.Contains("Auth:Proxy:Routes:orders:Timeout", Assert.Single(Validate(route => route.Timeout = TimeSpan.FromSeconds(seconds))));
    }

    [Fact]
    public void AnUnreadableTokenModeIsReportedNamingTheKeyAndTheChoices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Proxy:Routes:orders:Path"] = "/api/orders/{**rest}",
            ["Auth:Proxy:Routes:orders:Destination"] = "https://orders.internal/",
            ["Auth:Proxy:Routes:orders:Token"] = "Bearer",
        }).Build();

        var review = new AuthSectionReview(configuration);

        Assert.Equal("Auth:Proxy:Routes:orders:Token: 'Bearer' is not one of User, None.", Assert.Single(review.UnreadableValues));
        Assert.Empty(review.UnknownKeys);
    }

    private static List<string> Validate(Action<ProxyRouteOptions> change)
    {
        var route = new ProxyRouteOptions { Path = "/api/orders/{**rest}", Destination = "https://orders.internal/" };
        change(route);
        var options = new AuthOptions
        {
            RedirectUri = "https://app.example.com/oauth2callback",
            Providers =
            {
                ["google"] = new ProviderOptions
                {
                    ServerMetadataUrl = "https://accounts.google.com/.well-known/openid-configuration",
                    ClientId = "client-id",
                    ClientSecret = "client-secret",
                },
            },
            Proxy = { Routes = { ["orders"] = route } },
        };
        return [.. new AuthOptionsValidator().Validate(options).Errors.Select(error => error.ErrorMessage)];
    }
}
