using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Login;

public sealed class LoginTests
{
    [Fact]
    public async Task LoginRedirectsToTheProviderWithPkceStateNonceAndScope()
    {
        await using var app = new TestApp();

        var response = await app.CreateBrowser().GetAsync("/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!;
        Assert.Equal(app.Provider.Issuer + "/authorize", url.GetLeftPart(UriPartial.Path));
        var query = url.Query();
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(TestProvider.ClientId, query["client_id"]);
        Assert.Equal(AuthApiFactory.RedirectUri, query["redirect_uri"]);
        Assert.Equal("openid profile email", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, Base64UrlEncoder.DecodeBytes(query["code_challenge"]).Length * 4 / 3 + 1);
        Assert.True(Base64UrlEncoder.DecodeBytes(query["state"]).Length >= 16);
        Assert.True(Base64UrlEncoder.DecodeBytes(query["nonce"]).Length >= 16);
        Assert.NotEqual(query["state"], query["nonce"]);
        var loginCookie = Assert.Single(response.SetCookies(), cookie => cookie.StartsWith("authapi.login.", StringComparison.Ordinal));
        Assert.Contains("httponly", loginCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", loginCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EachLoginGetsFreshStateNonceAndVerifier()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var first = (await browser.StartLoginAsync()).Query();
        var second = (await browser.StartLoginAsync()).Query();

        Assert.NotEqual(first["state"], second["state"]);
        Assert.NotEqual(first["nonce"], second["nonce"]);
        Assert.NotEqual(first["code_challenge"], second["code_challenge"]);
    }

    [Fact]
    public async Task LoginAskedForJsonAnswersWithTheUrlAndSetsTheCookie()
    {
        await using var app = new TestApp();
        var request = new HttpRequestMessage(HttpMethod.Get, "/login?returnUrl=/spa");
        request.Headers.Accept.ParseAdd("application/json");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(app.Provider.Issuer + "/authorize?", body.GetProperty("authorizationUrl").GetString());
        Assert.Contains(response.CookiesWritten(), name => name.StartsWith("authapi.login.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoLoginsStartedInTwoTabsBothFinish()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var firstTab = await browser.StartLoginAsync("?returnUrl=/first");
        var secondTab = await browser.StartLoginAsync("?returnUrl=/second");

        var second = await app.CompleteLoginAsync(browser, secondTab, new Grant { Subject = "user-2" });
        var first = await app.CompleteLoginAsync(browser, firstTab);

        Assert.Equal("/second", second.Headers.Location!.OriginalString);
        Assert.Equal("/first", first.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("user-1", me.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task AbandonedLoginsKeepAtMostFiveCookiesDroppingTheOldest()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var cookies);
        var logins = new List<Uri>();
        for (var i = 0; i < 7; i++)
        {
            logins.Add(await browser.StartLoginAsync());
            app.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var pendingCookies = cookies.GetAllCookies().Count(cookie => cookie.Name.StartsWith("authapi.login.", StringComparison.Ordinal));
        var oldest = await app.CompleteLoginAsync(browser, logins[0]);
        var newest = await app.CompleteLoginAsync(browser, logins[6]);

        Assert.Equal(5, pendingCookies);
        CallbackAssert.FailedWith(oldest, "login_expired");
        Assert.Contains("authapi.session", newest.CookiesWritten());
    }

    [Fact]
    public async Task HintsFromTheQueryArePassedAndOverrideConfiguredOnes()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:Providers:test:AuthorizeParameters:prompt"] = "consent";
            settings["Auth:Providers:test:AuthorizeParameters:hd"] = "example.com";
        });

        var query = (await app.CreateBrowser().StartLoginAsync("?prompt=login&login_hint=ada%40example.com&max_age=60&ui_locales=en-GB&foo=bar&state=mine")).Query();

        Assert.Equal("login", query["prompt"]);
        Assert.Equal("ada@example.com", query["login_hint"]);
        Assert.Equal("60", query["max_age"]);
        Assert.Equal("en-GB", query["ui_locales"]);
        Assert.Equal("example.com", query["hd"]);
        Assert.False(query.ContainsKey("foo"));
        Assert.NotEqual("mine", query["state"]);
    }

    [Fact]
    public async Task ConfiguredAuthorizeParametersApplyWhenTheQueryHasNone()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:AuthorizeParameters:prompt"] = "select_account");

        var query = (await app.CreateBrowser().StartLoginAsync()).Query();

        Assert.Equal("select_account", query["prompt"]);
    }

    [Fact]
    public async Task TheCodeIsExchangedWithTheVerifierAndBasicClientAuthentication()
    {
        await using var app = new TestApp();

        var callback = await app.LoginAsync(app.CreateBrowser());

        Assert.Contains("authapi.session", callback.CookiesWritten());
        Assert.Equal(["basic"], app.Provider.TokenClientAuthentications);
    }

    [Fact]
    public async Task ClientSecretPostSendsTheCredentialsInTheBody()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:TokenEndpointAuthMethod"] = "client_secret_post");

        var callback = await app.LoginAsync(app.CreateBrowser());

        Assert.Contains("authapi.session", callback.CookiesWritten());
        Assert.Equal(["post"], app.Provider.TokenClientAuthentications);
    }

    [Fact]
    public async Task ThePkceChallengeIsTheS256OfTheVerifierTheProviderReceives()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        await app.CompleteLoginAsync(browser, authorizationUrl);

        var tokenRequest = app.Provider.Server.LogEntries.Single(entry => entry.RequestMessage?.AbsolutePath == "/token").RequestMessage!;
        var verifier = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(tokenRequest.Body)["code_verifier"].ToString();
        Assert.Equal(authorizationUrl.Query()["code_challenge"], Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        Assert.True(verifier.Length >= 43);
    }

    [Fact]
    public async Task PostLogoutReturnToTheCallbackRedirectsToPostLogoutReturnUrl()
    {
        await using var app = new TestApp(settings => settings["Auth:PostLogoutReturnUrl"] = "/bye");

        var response = await app.CreateBrowser().GetAsync("/oauth2callback");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/bye", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.StartsWith("Warning AuthApi", StringComparison.Ordinal) || line.StartsWith("Error AuthApi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeveralProvidersWithoutDefaultNeedAProviderName()
    {
        await using var app = new TestApp(AddSecondProvider);
        var browser = app.CreateBrowser();

        var unnamed = await browser.GetAsync("/login");
        var named = await browser.GetAsync("/login?provider=other");

        await ProblemAssert.IsAsync(unnamed, HttpStatusCode.BadRequest, "unknown_provider");
        Assert.Equal("other", named.Headers.Location!.Query()["client_id"]);
    }

    [Fact]
    public async Task DefaultProviderIsUsedWhenTheLoginNamesNone()
    {
        await using var app = new TestApp(settings =>
        {
            AddSecondProvider(settings);
            settings["Auth:DefaultProvider"] = "other";
        });

        var query = (await app.CreateBrowser().StartLoginAsync()).Query();

        Assert.Equal("other", query["client_id"]);
    }

    /// <summary>A provider named "other" at the same test provider, with its own client ID.</summary>
    private static void AddSecondProvider(Dictionary<string, string?> settings)
    {
        settings["Auth:Providers:other:ServerMetadataUrl"] = settings["Auth:Providers:test:ServerMetadataUrl"];
        settings["Auth:Providers:other:ClientId"] = "other";
        settings["Auth:Providers:other:ClientSecret"] = "other-secret";
    }
}
