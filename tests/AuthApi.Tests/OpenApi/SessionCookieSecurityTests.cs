using System.Text.Json.Nodes;

namespace AuthApi.Tests.OpenApi;

public sealed class SessionCookieSecurityTests
{
    private const string SchemeName = "sessionCookie";

    [Fact]
    public async Task SessionCookieIsAnApiKeySchemeInACookie()
    {
        var document = await ServedDocument.FetchAsync();

        var scheme = document["components"]!["securitySchemes"]![SchemeName];

        Assert.NotNull(scheme);
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("cookie", (string?)scheme["in"]);
        Assert.Equal("authapi.session", (string?)scheme["name"]);
    }

    [Theory]
    [InlineData("GET", "/me")]
    [InlineData("GET", "/me/tokens")]
    [InlineData("GET", "/logout")]
    [InlineData("POST", "/logout")]
    public async Task SessionEndpointsDeclareTheCookieSecurity(string method, string path)
    {
        var document = await ServedDocument.FetchAsync();

        var security = ServedDocument.Operation(document, method, path)["security"]?.AsArray();

        Assert.NotNull(security);
        Assert.Contains(security, requirement => requirement!.AsObject().ContainsKey(SchemeName));
    }

    [Fact]
    public async Task OnlyTokensRefusesAnonymousCallers()
    {
        var document = await ServedDocument.FetchAsync();

        // An empty requirement means "no credentials also works": true of /me and logout, not of /me/tokens.
        Assert.False(AllowsAnonymous(ServedDocument.Operation(document, "GET", "/me/tokens")));
        Assert.True(AllowsAnonymous(ServedDocument.Operation(document, "GET", "/me")));
        Assert.True(AllowsAnonymous(ServedDocument.Operation(document, "POST", "/logout")));
    }

    [Theory]
    [InlineData("GET", "/login")]
    [InlineData("GET", "/oauth2callback")]
    [InlineData("GET", "/providers")]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/readyz")]
    public async Task EndpointsWithoutASessionDeclareNoSecurity(string method, string path)
    {
        var document = await ServedDocument.FetchAsync();

        Assert.Null(ServedDocument.Operation(document, method, path)["security"]);
    }

    private static bool AllowsAnonymous(JsonObject operation) =>
        operation["security"]!.AsArray().Any(requirement => requirement!.AsObject().Count == 0);
}
