using AuthApi.Client;
using AuthApi.Contracts;

namespace AuthApi.Tests.Client;

/// <summary>Logged in through the client's JSON login mode, every method returns what its endpoint answers.</summary>
public sealed class ClientAnswerTests
{
    [Fact]
    public async Task LoginThroughTheJsonModeAndCallbackGivesTheClientASession()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);

        var landing = await client.Api.LogInAsync(app, returnUrl: "/home");
        var me = await client.Api.GetMeAsync();

        Assert.Equal("/home", landing.OriginalString);
        Assert.True(me.IsLoggedIn);
        Assert.Equal("user-1", me.Sub);
        Assert.Equal("Ada Lovelace", me.Name);
        Assert.Equal("ada@example.com", me.Email);
        Assert.Equal(AuthApiFactory.ProviderName, me.Provider);
    }

    [Fact]
    public async Task GetMeReturnsWhatMeAnswers()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out var cookies);
        await client.Api.LogInAsync(app);

        var me = await client.Api.GetMeAsync();

        SameAnswers.Equal(await SameAnswers.RawClient(app, cookies).GetJsonAsync("/me"), me);
        Assert.Equal("Ada Lovelace", me.Claims!["name"].GetString());
        Assert.StartsWith("/logout?sid=", me.LogoutUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMeWhenAnonymousSaysNotLoggedIn()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out var cookies);

        var me = await client.Api.GetMeAsync();

        SameAnswers.Equal(await SameAnswers.RawClient(app, cookies).GetJsonAsync("/me"), me);
        Assert.False(me.IsLoggedIn);
        Assert.Null(me.Sub);
    }

    [Fact]
    public async Task GetTokensReturnsWhatMeTokensAnswers()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out var cookies);
        var grant = new Grant();
        await client.Api.LogInAsync(app, grant);

        var tokens = await client.Api.GetTokensAsync();

        SameAnswers.Equal(await SameAnswers.RawClient(app, cookies).GetJsonAsync("/me/tokens"), tokens);
        Assert.Equal(grant.AccessToken, tokens.Access);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Null(tokens.Refresh);
    }

    [Fact]
    public async Task RefreshTokensSendsTheAntiForgeryHeaderAndReturnsTheNewTokens()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out var cookies);
        var grant = new Grant();
        await client.Api.LogInAsync(app, grant);

        var refreshed = await client.Api.RefreshTokensAsync();

        SameAnswers.Equal(await SameAnswers.RawClient(app, cookies).GetJsonAsync("/me/tokens"), refreshed);
        Assert.NotEqual(grant.AccessToken, refreshed.Access);
        Assert.Equal(1, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task LogoutSendsTheAntiForgeryHeaderEndsTheSessionAndReturnsTheProvidersLogoutUrl()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);
        await client.Api.LogInAsync(app);

        var logout = await client.Api.LogoutAsync();
        var me = await client.Api.GetMeAsync();

        Assert.StartsWith(app.Provider.Issuer + "/logout?", logout.LogoutUrl, StringComparison.Ordinal);
        Assert.False(me.IsLoggedIn);
    }

    [Fact]
    public async Task FollowLogoutLinkAnswersTheRedirectAndEndsTheSession()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);
        await client.Api.LogInAsync(app);
        var sid = (await client.Api.GetMeAsync()).LogoutUrl!["/logout?sid=".Length..];

        using var logout = await client.Api.FollowLogoutLinkAsync(sid);
        var me = await client.Api.GetMeAsync();

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith(app.Provider.Issuer + "/logout?", logout.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.False(me.IsLoggedIn);
    }

    [Fact]
    public async Task GetProvidersReturnsWhatProvidersAnswers()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out var cookies);

        var providers = await client.Api.GetProvidersAsync();

        SameAnswers.Equal(await SameAnswers.RawClient(app, cookies).GetJsonAsync("/providers"), providers);
        var provider = Assert.Single(providers);
        Assert.Equal(new ProviderInfo(AuthApiFactory.ProviderName, "Test Provider", "/login?provider=test"), provider);
    }

    [Fact]
    public async Task GetLoginUrlPassesTheQueryToTheAuthorizationUrl()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);

        var login = await client.Api.GetLoginUrlAsync(AuthApiFactory.ProviderName, "/after", "login", "ada@example.com", 300, "fr");

        var query = new Uri(login.AuthorizationUrl).Query();
        Assert.StartsWith(app.Provider.Issuer + "/authorize?", login.AuthorizationUrl, StringComparison.Ordinal);
        Assert.Equal(("login", "ada@example.com", "300", "fr"), (query["prompt"], query["login_hint"], query["max_age"], query["ui_locales"]));
    }

    [Fact]
    public async Task HealthAndReadinessReturnWhatTheyAnswer()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out var cookies);
        var raw = SameAnswers.RawClient(app, cookies);

        var health = await client.Api.GetHealthAsync();
        using var readiness = await client.Api.GetReadinessAsync();

        SameAnswers.Equal(await raw.GetJsonAsync("/healthz"), health);
        SameAnswers.Equal(await raw.GetJsonAsync("/readyz"), readiness.Content);
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        Assert.Equal("ready", readiness.Content!.Providers![AuthApiFactory.ProviderName]);
    }
}
