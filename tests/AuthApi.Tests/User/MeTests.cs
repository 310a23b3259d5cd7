namespace AuthApi.Tests.User;

public sealed class MeTests
{
    [Fact]
    public async Task AnonymousCallerGetsOnlyIsLoggedInFalse()
    {
        await using var app = new TestApp();

        var response = await app.CreateBrowser().GetAsync("/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var property = Assert.Single(body.EnumerateObject());
        Assert.Equal("isLoggedIn", property.Name);
        Assert.False(property.Value.GetBoolean());
        Assert.Empty(response.SetCookies());
    }

    [Fact]
    public async Task LoggedInCallerGetsClaimsSessionAndLogoutUrl()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var loggedInAt = app.Time.GetUtcNow();
        await app.LoginAsync(browser, new Grant { Claims = { ["groups"] = new[] { "admins", "staff" } } });

        var me = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal("test", me.GetProperty("provider").GetString());
        Assert.Equal("user-1", me.GetProperty("sub").GetString());
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
        Assert.Equal("ada@example.com", me.GetProperty("email").GetString());
        var claims = me.GetProperty("claims");
        Assert.Equal(["admins", "staff"], claims.GetProperty("groups").EnumerateArray().Select(group => group.GetString()));
        Assert.Equal(app.Provider.Issuer, claims.GetProperty("iss").GetString());
        Assert.False(claims.TryGetProperty("nonce", out _));
        Assert.False(claims.TryGetProperty("at_hash", out _));
        var session = me.GetProperty("session");
        Assert.Equal(loggedInAt, session.GetProperty("issuedAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(loggedInAt.AddDays(30), session.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(JsonValueKind.Null, session.GetProperty("idleExpiresAt").ValueKind);
        Assert.Matches("^/logout\\?sid=[A-Za-z0-9_-]{20,}$", me.GetProperty("logoutUrl").GetString());
    }

    [Fact]
    public async Task UserInfoClaimsAreMergedAndTheIdTokenWinsConflicts()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, new Grant
        {
            UserInfo = new() { ["sub"] = "user-1", ["name"] = "Someone Else", ["locale"] = "en-GB" },
        });

        var claims = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("claims");

        Assert.Equal("en-GB", claims.GetProperty("locale").GetString());
        Assert.Equal("Ada Lovelace", claims.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("false", JsonValueKind.False)]
    [InlineData("True", JsonValueKind.True)]
    public async Task EmailVerifiedGivenAsAStringIsABoolean(string given, JsonValueKind expected)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, new Grant
        {
            Claims = new() { ["email"] = "ada@example.com", ["email_verified"] = given },
            UserInfo = new() { ["sub"] = "user-1", ["phone_number_verified"] = given },
        });

        var claims = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("claims");

        Assert.Equal(expected, claims.GetProperty("email_verified").ValueKind);
        Assert.Equal(expected, claims.GetProperty("phone_number_verified").ValueKind);
    }

    [Fact]
    public async Task EmailVerifiedThatIsNoBooleanStringIsKeptAsGiven()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, new Grant { Claims = new() { ["email_verified"] = "yes" } });

        var claims = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("claims");

        Assert.Equal("yes", claims.GetProperty("email_verified").GetString());
    }

    [Fact]
    public async Task UserInfoIsNotCalledWhenTurnedOff()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:UseUserInfo"] = "false");

        await app.LoginAsync(app.CreateBrowser(), new Grant { UserInfoStatus = 500 });

        Assert.Equal(0, app.Provider.RequestsTo("/userinfo"));
    }

    [Fact]
    public async Task SessionEndsAfterTheAbsoluteLifetime()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:AbsoluteLifetime"] = "01:00:00");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Time.Advance(TimeSpan.FromMinutes(61));

        var response = await browser.GetAsync("/me");

        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isLoggedIn").GetBoolean());
        Assert.Contains(response.SetCookies(), cookie => cookie.StartsWith("authapi.session=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProviderExpiryEndsTheSessionWithTheIdToken()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:UseProviderExpiry"] = "true");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var expiresAt = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("session").GetProperty("expiresAt").GetDateTimeOffset();
        app.Time.Advance(TimeSpan.FromMinutes(61));
        var after = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.Equal(app.Time.GetUtcNow().AddMinutes(-61).AddHours(1), expiresAt, TimeSpan.FromSeconds(1));
        Assert.False(after.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task IdleSessionEndsAfterTheIdleTimeout()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:IdleTimeout"] = "00:30:00");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Time.Advance(TimeSpan.FromMinutes(31));

        var me = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task ActivitySlidesTheIdleWindowReissuingTheCookieOnlyPastHalfOfIt()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:IdleTimeout"] = "00:30:00");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        app.Time.Advance(TimeSpan.FromMinutes(10));
        var early = await browser.GetAsync("/me");
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var late = await browser.GetAsync("/me");
        app.Time.Advance(TimeSpan.FromMinutes(25));
        var stillActive = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.Empty(early.SetCookies());
        Assert.Contains("authapi.session", late.CookiesWritten());
        Assert.True(stillActive.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(30), stillActive.GetProperty("session").GetProperty("idleExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task EveryResponseForbidsCaching()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var responses = new[]
        {
            await browser.GetAsync("/me"),
            await browser.GetAsync("/login"),
            await browser.GetAsync("/login?returnUrl=//evil.com"),
            await browser.GetAsync("/me/tokens"),
            await browser.GetAsync("/nowhere"),
            await browser.GetAsync("/providers"),
        };

        Assert.All(responses, response => Assert.Equal("no-store", response.Headers.CacheControl?.ToString()));
    }

    [Fact]
    public async Task UnknownRoutesAnswerProblemDetails()
    {
        await using var app = new TestApp();

        var response = await app.CreateBrowser().GetAsync("/nowhere");

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, "not_found");
    }
}
