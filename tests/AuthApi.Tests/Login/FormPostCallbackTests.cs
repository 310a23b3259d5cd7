using System.Text;
using AuthApi.Client;
using AuthApi.Tests.Client;
using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Login;

/// <summary>
/// <c>Auth:Providers:{name}:ResponseMode=form_post</c>: the provider posts its answer to the redirect URI, the login cookie is
/// <c>SameSite=None; Secure</c> so that cross-site POST carries it, and a POST is bound to its login like a GET.
/// </summary>
public sealed class FormPostCallbackTests
{
    /// <summary>The browser of these tests is on https, as a browser keeps the Secure login cookie for https (and loopback) only.</summary>
    private const string SecureOrigin = "https://localhost";

    [Fact]
    public async Task AFormPostLoginAsksForFormPostAndCompletesByPostToTheReturnUrl()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync("?returnUrl=/home");

        var callback = await PostCallbackAsync(app, browser, authorizationUrl);

        Assert.Equal("form_post", authorizationUrl.Query()["response_mode"]);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/home", callback.Headers.Location!.OriginalString);
        CallbackAssert.DeletedLoginCookie(callback);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AFormPostProviderOfSeveralCompletesByPostAtItsOwnRedirectUri()
    {
        using var other = new TestProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var app = FormPostApp(settings =>
        {
            settings["Auth:Providers:other:ServerMetadataUrl"] = other.MetadataUrl;
            settings["Auth:Providers:other:ClientId"] = TestProvider.ClientId;
            settings["Auth:Providers:other:ClientSecret"] = TestProvider.ClientSecret;
        });
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync("?provider=test");

        var callback = await PostCallbackAsync(app, browser, authorizationUrl, path: "/oauth2callback/test");

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Contains("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task TheLoginCookieOfAFormPostProviderIsSameSiteNoneAndSecure()
    {
        await using var app = FormPostApp();

        var login = await app.CreateBareClient().GetAsync("/login");

        var cookie = Assert.Single(login.ParsedSetCookies(), cookie => cookie.Name.StartsWith("authapi.login.", StringComparison.Ordinal));
        Assert.True(cookie.Has("samesite=none"), cookie.Header);
        Assert.True(cookie.Has("secure"), cookie.Header);
        Assert.True(cookie.Has("httponly"), cookie.Header);
    }

    [Fact]
    public async Task TheLoginCookieOfAQueryProviderStaysLaxAndAsksForNoResponseMode()
    {
        await using var app = new TestApp();

        var login = await app.CreateBareClient().GetAsync("/login");

        var cookie = Assert.Single(login.ParsedSetCookies(), cookie => cookie.Name.StartsWith("authapi.login.", StringComparison.Ordinal));
        Assert.True(cookie.Has("samesite=lax"), cookie.Header);
        Assert.False(cookie.Has("secure"), cookie.Header);
        Assert.DoesNotContain("response_mode", login.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithACodeButNoLoginCookieCreatesNoSession()
    {
        await using var app = FormPostApp();
        var authorizationUrl = await app.CreateBrowser(SecureOrigin).StartLoginAsync();
        var attacker = app.CreateBrowser(SecureOrigin);

        var callback = await PostCallbackAsync(app, attacker, authorizationUrl);

        CallbackAssert.FailedWith(callback, "login_expired");
        await AssertNoSessionAndNoTokenRequestAsync(app, attacker);
    }

    [Fact]
    public async Task APostWhoseStateBelongsToAQueryProvidersLoginFailsAsCallbackMismatch()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await PostCallbackAsync(app, browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "callback_mismatch");
        CallbackAssert.DeletedLoginCookie(callback);
        await AssertNoSessionAndNoTokenRequestAsync(app, browser);
    }

    [Fact]
    public async Task AGetWithACodeForAFormPostLoginFailsAsCallbackMismatch()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "callback_mismatch");
        await AssertNoSessionAndNoTokenRequestAsync(app, browser);
    }

    [Fact]
    public async Task TheReturnAfterLogoutStaysAGetForAFormPostProvider()
    {
        await using var app = FormPostApp(settings => settings["Auth:PostLogoutReturnUrl"] = "/bye");

        var back = await app.CreateBrowser(SecureOrigin).GetAsync("/oauth2callback");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/bye", back.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AReplayedPostWithItsLoginCookieCreatesNoSecondSession()
    {
        await using var app = FormPostApp();
        var start = await app.CreateBareClient().GetAsync("/login");
        var loginCookies = start.WrittenCookies();
        var authorizationUrl = start.Headers.Location!;
        var form = CallbackFields(app, authorizationUrl);
        var first = await PostWithCookiesAsync(app, "/oauth2callback", new FormUrlEncodedContent(form), loginCookies);
        Assert.Contains("authapi.session", first.CookiesWritten());

        var replay = await PostWithCookiesAsync(app, "/oauth2callback", new FormUrlEncodedContent(form), loginCookies);

        CallbackAssert.FailedWith(replay, "login_expired");
        Assert.Equal(1, app.Provider.RequestsTo("/token"));
    }

    [Fact]
    public async Task AFormWithStateTwiceIsRefusedAndCreatesNoSession()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();
        var fields = CallbackFields(app, authorizationUrl).Append(new("state", "second-state-value-of-the-attacker")).ToList();

        var callback = await browser.PostAsync("/oauth2callback", new FormUrlEncodedContent(fields));

        await ProblemAssertInvalidRequestAsync(callback);
        await AssertNoSessionAndNoTokenRequestAsync(app, browser);
    }

    [Fact]
    public async Task AnOversizedFormIsRefusedAndCreatesNoSession()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();
        var fields = CallbackFields(app, authorizationUrl).Append(new("padding", new string('a', 17 * 1024))).ToList();

        var callback = await browser.PostAsync("/oauth2callback", new FormUrlEncodedContent(fields));

        await ProblemAssertInvalidRequestAsync(callback);
        await AssertNoSessionAndNoTokenRequestAsync(app, browser);
    }

    [Fact]
    public async Task ACallbackPostedAsJsonIsRefusedAndCreatesNoSession()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();
        var fields = CallbackFields(app, authorizationUrl).ToDictionary(field => field.Key, field => field.Value);

        var callback = await browser.PostAsJsonAsync("/oauth2callback", fields);

        await ProblemAssertInvalidRequestAsync(callback);
        await AssertNoSessionAndNoTokenRequestAsync(app, browser);
    }

    [Fact]
    public async Task AMalformedPostFromABrowserShowsTheErrorPageNotAServerError()
    {
        await using var app = FormPostApp();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2callback") { Content = new StringContent("code=a&code=b", Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        var response = await app.CreateBrowser(SecureOrigin).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePostedCallbackSharesTheLoginRateLimit()
    {
        await using var app = FormPostApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "1");
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();

        var limited = await PostCallbackAsync(app, browser, authorizationUrl);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
    }

    [Fact]
    public async Task ApplesUserFieldCannotOverrideTheIdTokensNameAndNeverSetsEmail()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();
        var grant = new Grant { Claims = new() { ["name"] = "Ada Lovelace" } };
        const string user = """{"name":{"firstName":"Eve","lastName":"Mallory"},"email":"eve@evil.example"}""";

        var callback = await PostCallbackAsync(app, browser, authorizationUrl, grant, user);

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
        Assert.Equal("Ada Lovelace", me.GetProperty("claims").GetProperty("name").GetString());
        Assert.False(me.GetProperty("claims").TryGetProperty("email", out _));
        Assert.True(!me.TryGetProperty("email", out var email) || email.ValueKind == JsonValueKind.Null);
        // What the ID token lacks is filled: proof the field was read, and its email left out on purpose.
        Assert.Equal("Eve", me.GetProperty("claims").GetProperty("given_name").GetString());
    }

    [Fact]
    public async Task ApplesUserFieldFillsTheNameTheIdTokenLacks()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();
        var grant = new Grant { Claims = new() { ["email"] = "ada@example.com" } };
        const string user = """{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"ada@example.com"}""";

        await PostCallbackAsync(app, browser, authorizationUrl, grant, user);

        var claims = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("claims");
        Assert.Equal("Ada Lovelace", claims.GetProperty("name").GetString());
        Assert.Equal("Ada", claims.GetProperty("given_name").GetString());
        Assert.Equal("Lovelace", claims.GetProperty("family_name").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""["Ada"]""")]
    [InlineData("""{"name":{"firstName":"Ada"},"name":{"firstName":"Eve"}}""")]
    [InlineData("""{"name":{"firstName":"\ud800Ada"}}""")] // an unpaired surrogate: valid JSON, no valid string
    public async Task AnUnreadableUserFieldIsIgnoredWithAWarningThatShowsNoContent(string user)
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await PostCallbackAsync(app, browser, authorizationUrl, new Grant { Claims = [] }, user);

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var claims = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("claims");
        Assert.False(claims.TryGetProperty("given_name", out _));
        var warning = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("user field", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedUserFieldIsIgnoredAndTheLoginSucceeds()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();
        var user = """{"name":{"firstName":""" + "\"" + new string('A', 5000) + "\"}}";

        var callback = await PostCallbackAsync(app, browser, authorizationUrl, new Grant { Claims = [] }, user);

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("claims").TryGetProperty("given_name", out _));
    }

    [Fact]
    public async Task NoFormValueIsLogged()
    {
        await using var app = FormPostApp();
        var browser = app.CreateBrowser(SecureOrigin);
        var authorizationUrl = await browser.StartLoginAsync();
        var fields = CallbackFields(app, authorizationUrl, user: """{"name":{"firstName":"Zebedee"}}""");

        await browser.PostAsync("/oauth2callback", new FormUrlEncodedContent(fields));
        await browser.PostAsync("/oauth2callback", new FormUrlEncodedContent(fields.Append(new("state", "x"))));

        var values = fields.Select(field => field.Value).Append("Zebedee");
        Assert.All(app.Factory.Logs.Lines, line => Assert.DoesNotContain(values, value => line.Contains(value, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheClientPostsTheFormTheServiceReads()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);
        var authorizationUrl = new Uri((await client.Api.GetLoginUrlAsync()).AuthorizationUrl);

        // A query provider's login completed by POST: only a form whose state found its login cookie gets this far.
        using var callback = await client.Api.CompletePostedLoginAsync(new PostedCallbackForm
        {
            Code = app.Provider.IssueCode(authorizationUrl, new Grant()),
            State = authorizationUrl.Query()["state"],
        });

        CallbackAssert.FailedWith(callback, "callback_mismatch");
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
    }

    private static TestApp FormPostApp(Action<Dictionary<string, string?>>? configure = null) =>
        new(settings =>
        {
            settings[$"Auth:Providers:{AuthApiFactory.ProviderName}:ResponseMode"] = "form_post";
            configure?.Invoke(settings);
        });

    /// <summary>What the provider posts for a code it issues for this login.</summary>
    private static List<KeyValuePair<string, string>> CallbackFields(TestApp app, Uri authorizationUrl, Grant? grant = null, string? user = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("code", app.Provider.IssueCode(authorizationUrl, grant ?? new Grant())),
            new("state", authorizationUrl.Query()["state"]),
        };
        if (user is not null)
        {
            fields.Add(new("user", user));
        }
        return fields;
    }

    private static Task<HttpResponseMessage> PostCallbackAsync(TestApp app, HttpClient browser, Uri authorizationUrl, Grant? grant = null, string? user = null, string path = "/oauth2callback") =>
        browser.PostAsync(path, new FormUrlEncodedContent(CallbackFields(app, authorizationUrl, grant, user)));

    private static Task<HttpResponseMessage> PostWithCookiesAsync(TestApp app, string path, HttpContent content, Dictionary<string, string> cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        return app.CreateBareClient().SendAsync(request);
    }

    private static async Task ProblemAssertInvalidRequestAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());
        Assert.DoesNotContain(response.CookiesWritten(), name => name.Contains("authapi.session", StringComparison.Ordinal));
    }

    private static async Task AssertNoSessionAndNoTokenRequestAsync(TestApp app, HttpClient browser)
    {
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
        Assert.False((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }
}
