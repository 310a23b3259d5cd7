namespace AuthApi.Tests.Sessions;

/// <summary>Session cookies the service did not write (tampered, cut, forged, expired) read as anonymous, never as an error.</summary>
public sealed class SessionCookieTamperingTests
{
    private const string AnonymousBody = """{"isLoggedIn":false}""";

    [Fact]
    public async Task UntouchedSessionCookiesSentByHandReadAsLoggedIn()
    {
        await using var app = new TestApp();
        var cookies = (await app.LoginAsync(app.CreateBrowser())).WrittenCookies();

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal("user-1", me.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("AUTHAPI.session")]
    [InlineData("Authapi.Session")]
    [InlineData("__Secure-authapi.session")]
    public async Task AnAttackersSessionUnderALookAlikeNameDoesNotLogAVisitorIn(string lookAlike)
    {
        await using var app = new TestApp();
        var attackers = (await app.LoginAsync(app.CreateBrowser(), new Grant { Subject = "mallory" })).WrittenCookies();
        var planted = new Dictionary<string, string> { [lookAlike] = attackers["authapi.session"], ["authapi.tokens"] = attackers["authapi.tokens"] };

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", planted);

        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("AUTHAPI.session", false)]
    [InlineData("AUTHAPI.session", true)]
    [InlineData("authapi.session", true)]
    public async Task AnAttackersSessionBesideTheUsersNeverSwitchesTheUser(string plantedName, bool plantedLast)
    {
        await using var app = new TestApp();
        var attackers = (await app.LoginAsync(app.CreateBrowser(), new Grant { Subject = "mallory" })).WrittenCookies();
        var users = (await app.LoginAsync(app.CreateBrowser(), new Grant { Subject = "ada" })).WrittenCookies();
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        var user = $"authapi.session={users["authapi.session"]}";
        var planted = $"{plantedName}={attackers["authapi.session"]}";
        request.Headers.Add("Cookie", plantedLast ? $"{user}; {planted}" : $"{planted}; {user}");

        var response = await app.CreateBareClient().SendAsync(request);

        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync()); // neither value is trusted
    }

    [Fact]
    public async Task TamperedSessionCookieReadsAsAnonymousAndIsDeleted()
    {
        await using var app = new TestApp();
        var cookies = (await app.LoginAsync(app.CreateBrowser())).WrittenCookies();
        cookies["authapi.session"] = FlipMiddleCharacter(cookies["authapi.session"]);

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
        Assert.Contains("authapi.session", response.DeletedCookies());
        Assert.Contains("authapi.tokens", response.DeletedCookies());
    }

    [Fact]
    public async Task TruncatedSessionCookieReadsAsAnonymousAndIsDeleted()
    {
        await using var app = new TestApp();
        var cookies = (await app.LoginAsync(app.CreateBrowser())).WrittenCookies();
        cookies["authapi.session"] = cookies["authapi.session"][..(cookies["authapi.session"].Length / 2)];

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
        Assert.Contains("authapi.session", response.DeletedCookies());
    }

    [Fact]
    public async Task CorrelationCookieValueUsedAsSessionCookieReadsAsAnonymous()
    {
        await using var app = new TestApp();
        var login = await app.CreateBrowser().GetAsync("/login");
        var correlation = login.WrittenCookies().Single(cookie => cookie.Key.StartsWith("authapi.login.", StringComparison.Ordinal));

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", [new("authapi.session", correlation.Value)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SessionCookieOfAnotherSessionDoesNotUnlockThisSessionsTokens()
    {
        await using var app = new TestApp();
        var first = (await app.LoginAsync(app.CreateBrowser())).WrittenCookies();
        var second = (await app.LoginAsync(app.CreateBrowser(), new Grant { Subject = "user-2" })).WrittenCookies();
        var mixed = new Dictionary<string, string> { ["authapi.session"] = second["authapi.session"], ["authapi.tokens"] = first["authapi.tokens"] };

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me/tokens", mixed);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "not_authenticated");
    }

    [Fact]
    public async Task SessionPastItsAbsoluteLifetimeReadsAsAnonymousAndIsDeleted()
    {
        await using var app = new TestApp(settings => settings["Auth:Session:AbsoluteLifetime"] = "01:00:00");
        var cookies = (await app.LoginAsync(app.CreateBrowser())).WrittenCookies();
        app.Time.Advance(TimeSpan.FromHours(1));

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
        Assert.Contains("authapi.session", response.DeletedCookies());
        Assert.Contains("authapi.tokens", response.DeletedCookies());
    }

    [Theory]
    [InlineData("chunks-2147483647")]
    [InlineData("chunks-99999999")]
    [InlineData("chunks-0")]
    [InlineData("chunks--1")]
    [InlineData("chunks-abc")]
    [InlineData("chunks-")]
    public async Task ForgedChunkCountWithoutChunksReadsAsAnonymous(string forged)
    {
        await using var app = new TestApp();

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", [new("authapi.session", forged)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
        Assert.Contains("authapi.session", response.DeletedCookies());
    }

    [Fact]
    public async Task ForgedChunkCountWithoutChunksLogsOutWithoutError()
    {
        await using var app = new TestApp();

        var response = await app.CreateBareClient().SendWithCookiesAsync(
            HttpMethod.Post, "/logout", [new("authapi.session", "chunks-2147483647")], ("X-CSRF", "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("authapi.session", response.DeletedCookies());
    }

    /// <summary>Replaces the character in the middle (never the padding-sensitive last one) by another base64url character.</summary>
    private static string FlipMiddleCharacter(string value)
    {
        var middle = value.Length / 2;
        return string.Concat(value.AsSpan(0, middle), value[middle] == 'A' ? "B" : "A", value.AsSpan(middle + 1));
    }
}
