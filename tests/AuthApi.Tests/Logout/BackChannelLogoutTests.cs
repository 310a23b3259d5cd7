using System.Net.Http.Headers;
using System.Text;
using AuthApi.Contracts;

namespace AuthApi.Tests.Logout;

/// <summary>
/// <c>POST /backchannel-logout</c> (OpenID Connect Back-Channel Logout 1.0) with server-side sessions in a real Redis: the
/// provider's logout token ends the sessions its <c>sid</c> or <c>sub</c> names, and nothing else; any defect ends nothing.
/// </summary>
public abstract class BackChannelLogoutTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    private const string User = "user-1";
    private const string ProviderSid = "provider-session-a";

    [Fact]
    public async Task ATokenWithASidEndsTheSessionsOfThatProviderSessionOnly()
    {
        await using var app = CreateApp();
        var first = await LogInAsync(app, User, ProviderSid);
        var second = await LogInAsync(app, User, ProviderSid);
        var sameUserElsewhere = await LogInAsync(app, User, "provider-session-b");
        var otherUser = await LogInAsync(app, "user-2", "provider-session-c");

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, User, ProviderSid))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await first.IsLoggedInAsync());
        Assert.False(await second.IsLoggedInAsync());
        Assert.True(await sameUserElsewhere.IsLoggedInAsync());
        Assert.True(await otherUser.IsLoggedInAsync());
    }

    [Fact]
    public async Task ATokenWithOnlyASidEndsTheSessionsOfThatProviderSession()
    {
        await using var app = CreateApp();
        var ended = await LogInAsync(app, User, ProviderSid);
        var kept = await LogInAsync(app, User, "provider-session-b");

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, subject: null, ProviderSid))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await ended.IsLoggedInAsync());
        Assert.True(await kept.IsLoggedInAsync());
    }

    [Fact]
    public async Task ATokenWithOnlyASubEndsEverySessionOfThatUserAndNoOtherUsers()
    {
        await using var app = CreateApp();
        var first = await LogInAsync(app, User, ProviderSid);
        var second = await LogInAsync(app, User, "provider-session-b");
        var otherUser = await LogInAsync(app, "user-2", ProviderSid);

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, User, sid: null))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await first.IsLoggedInAsync());
        Assert.False(await second.IsLoggedInAsync());
        Assert.True(await otherUser.IsLoggedInAsync());
    }

    [Fact]
    public async Task SuccessIsAnEmptyOkThatIsNeverCached()
    {
        await using var app = CreateApp();
        await LogInAsync(app, User, ProviderSid);

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, User, ProviderSid))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Back-channel logout of provider test ended 1 session(s), found by sid", StringComparison.Ordinal));
    }

    public static TheoryData<string> Defects() =>
    [
        "foreign-key", "unsigned", "hmac-with-client-secret", "wrong-iss", "wrong-aud", "expired", "no-exp", "no-iat",
        "issued-in-future", "no-jti", "no-events", "events-not-an-object", "events-without-logout-event",
        "logout-event-not-an-object", "nonce", "neither-sub-nor-sid", "sub-not-a-string", "crit-header", "duplicate-member",
        "no-logout-token", "empty-logout-token", "two-logout-tokens", "not-a-jwt", "json-body", "no-body",
    ];

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task ADefectiveRequestIsInvalidLogoutTokenAndEndsNothing(string defect)
    {
        await using var app = CreateApp();
        var browser = await LogInAsync(app, User, ProviderSid);
        var (body, token) = DefectiveRequest(defect, app);

        var response = await PostAsync(app, body);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidLogoutToken);
        Assert.True(await browser.IsLoggedInAsync());
        Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Refused a back-channel logout", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnauthenticatedTokenCannotForgeALogLine()
    {
        await using var app = CreateApp();
        // Anyone can post: a key ID that ends a line (NEL, U+2028, raw in JSON), signed by a key the provider never published.
        const string header = "{\"alg\":\"RS256\",\"kid\":\"x\u0085fail: AuthApi.Forged[666]\u2028\",\"typ\":\"logout+jwt\"}";
        var token = LogoutTokens.SignAsIs(header, JsonSerializer.Serialize(LogoutTokens.Claims(app, User, ProviderSid)), TestKeys.Foreign);

        await ProblemAssert.IsAsync(await PostAsync(app, LogoutTokens.Form(token)), HttpStatusCode.BadRequest, ErrorCodes.InvalidLogoutToken);

        var line = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("AuthApi.Forged", StringComparison.Ordinal));
        Assert.StartsWith("Warning AuthApi.Logout.BackChannelLogout: Refused a back-channel logout", line, StringComparison.Ordinal);
        Assert.Contains("x\\u0085fail: AuthApi.Forged[666]\\u2028", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, character => char.IsControl(character) || character == '\u2028');
    }

    [Fact]
    public async Task AReplayedTokenIsInvalidLogoutTokenAndEndsNothing()
    {
        await using var app = CreateApp();
        await LogInAsync(app, User, ProviderSid);
        var token = LogoutTokens.Sign(LogoutTokens.Claims(app, User, ProviderSid));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, LogoutTokens.Form(token))).StatusCode);
        var loggedInAgain = await LogInAsync(app, User, ProviderSid);

        var replay = await PostAsync(app, LogoutTokens.Form(token));

        await ProblemAssert.IsAsync(replay, HttpStatusCode.BadRequest, ErrorCodes.InvalidLogoutToken);
        Assert.True(await loggedInAgain.IsLoggedInAsync());
    }

    [Fact]
    public async Task ARefusedTokenDoesNotUseUpItsJti()
    {
        await using var app = CreateApp();
        var browser = await LogInAsync(app, User, ProviderSid);
        var claims = LogoutTokens.Claims(app, User, ProviderSid);
        var withNonce = new Dictionary<string, object>(claims) { ["nonce"] = "n-0S6_WzA2Mj" };
        await ProblemAssert.IsAsync(await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(withNonce))), HttpStatusCode.BadRequest, ErrorCodes.InvalidLogoutToken);

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(claims)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await browser.IsLoggedInAsync());
    }

    [Fact]
    public async Task TheTokenIdIsRememberedUntilTheTokenExpires()
    {
        await using var app = CreateApp();
        var claims = LogoutTokens.Claims(app, User, ProviderSid);

        await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(claims)));

        var key = Assert.Single(await Redis.KeysAsync("authapi:logout-token:*"));
        Assert.Equal($"authapi:logout-token:test:{claims["jti"]}", key);
        var timeToLive = await Redis.Database.KeyTimeToLiveAsync(key);
        // exp is two minutes away, plus Auth:ClockSkew (two minutes by default).
        Assert.InRange(timeToLive!.Value, TimeSpan.FromMinutes(3.5), TimeSpan.FromMinutes(4));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverSixteenKilobytesIsRefusedAndEndsNothing(bool announcesItsLength)
    {
        await using var app = CreateApp();
        var browser = await LogInAsync(app, User, ProviderSid);
        var token = LogoutTokens.Sign(LogoutTokens.Claims(app, User, ProviderSid));
        var body = $"logout_token={token}&padding={new string('x', 16 * 1024)}";

        var response = await PostAsync(app, new FormBody(body, announcesItsLength));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidLogoutToken);
        Assert.True(await browser.IsLoggedInAsync());
    }

    [Fact]
    public async Task ATokenSignedWithARotatedKeyIsAcceptedAfterTheKeysAreFetchedAgain()
    {
        await using var app = CreateApp();
        var browser = await LogInAsync(app, User, ProviderSid);
        app.Provider.RotateKeys();
        var payload = JsonSerializer.Serialize(LogoutTokens.Claims(app, User, ProviderSid));

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.SignAsIs("""{"alg":"RS256","kid":"key-2"}""", payload, TestKeys.Rotated)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await browser.IsLoggedInAsync());
        Assert.Equal(2, app.Provider.RequestsTo("/jwks"));
    }

    [Fact]
    public async Task ProvidersSharingAnIssuerAreToldApartByTheirClientIdInAud()
    {
        await using var app = CreateApp(settings =>
        {
            settings["Auth:Providers:twin:ServerMetadataUrl"] = settings["Auth:Providers:test:ServerMetadataUrl"];
            settings["Auth:Providers:twin:ClientId"] = "twin-client";
            settings["Auth:Providers:twin:ClientSecret"] = "twin-secret";
        });
        var browser = app.CreateBrowser();
        await app.CompleteLoginAsync(browser, await browser.StartLoginAsync("?provider=test"), Grant(User, ProviderSid), callbackPath: "/oauth2callback/test");
        var forTwin = LogoutTokens.Claims(app, User, ProviderSid);
        forTwin["aud"] = "twin-client";

        var twinsLogout = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(forTwin)));
        var stillLoggedIn = await browser.IsLoggedInAsync();
        var testsLogout = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, User, ProviderSid))));

        Assert.Equal(HttpStatusCode.OK, twinsLogout.StatusCode);
        Assert.True(stillLoggedIn);
        Assert.Equal(HttpStatusCode.OK, testsLogout.StatusCode);
        Assert.False(await browser.IsLoggedInAsync());
    }

    [Fact]
    public async Task WithoutServerSideSessionsTheEndpointIsSessionStoreDisabled()
    {
        await using var app = new TestApp();
        var claims = LogoutTokens.Claims(app, User, ProviderSid);

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(claims)));

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, ErrorCodes.SessionStoreDisabled);
    }

    [Fact]
    public async Task AnEncryptedLogoutTokenIsRefusedAsInvalidNotAnError()
    {
        await using var app = CreateApp();

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.JweShaped));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidLogoutToken);
    }

    [Theory]
    [InlineData("iat")]
    [InlineData("exp")]
    public async Task ALogoutTokenWithADateInMillisecondsIsRefusedAsInvalidNotAnError(string claim)
    {
        await using var app = CreateApp();
        var claims = LogoutTokens.Claims(app, User, ProviderSid);
        claims[claim] = app.Time.GetUtcNow().ToUnixTimeMilliseconds();

        var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(claims)));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidLogoutToken);
    }

    private TestApp CreateApp(Action<Dictionary<string, string?>>? configure = null) => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        configure?.Invoke(settings);
    });

    private static Grant Grant(string subject, string providerSid) => new() { Subject = subject, Claims = { ["sid"] = providerSid } };

    /// <summary>A browser logged in as the user, in a session the provider knows by <paramref name="providerSid"/>.</summary>
    private static async Task<HttpClient> LogInAsync(TestApp app, string subject, string providerSid)
    {
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, Grant(subject, providerSid));
        Assert.True(await browser.IsLoggedInAsync());
        return browser;
    }

    /// <summary>Posts as the provider does: server to server, without cookies or an anti-forgery header.</summary>
    private static Task<HttpResponseMessage> PostAsync(TestApp app, HttpContent? body) =>
        app.CreateBareClient().PostAsync("/backchannel-logout", body);

    /// <summary>The body of a request with the defect, and the token it carries (or would carry).</summary>
    private static (HttpContent? Body, string Token) DefectiveRequest(string defect, TestApp app)
    {
        var claims = LogoutTokens.Claims(app, User, ProviderSid);
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
        string Signed(Action<Dictionary<string, object>> change)
        {
            change(claims);
            return LogoutTokens.Sign(claims);
        }
        var payload = JsonSerializer.Serialize(claims);
        var token = defect switch
        {
            "foreign-key" => LogoutTokens.SignAsIs(LogoutTokens.Header, payload, TestKeys.Foreign),
            "unsigned" => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"none","kid":"key-1"}""") + "."
                + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload) + ".",
            "hmac-with-client-secret" => LogoutTokens.SignWithHmac("""{"alg":"HS256","kid":"key-1"}""", payload, Encoding.UTF8.GetBytes(TestProvider.ClientSecret)),
            "wrong-iss" => Signed(c => c["iss"] = "https://evil.example"),
            "wrong-aud" => Signed(c => c["aud"] = "other-client"),
            "expired" => Signed(c => { c["iat"] = now - 600; c["exp"] = now - 300; }),
            "no-exp" => Signed(c => c.Remove("exp")),
            "no-iat" => Signed(c => c.Remove("iat")),
            "issued-in-future" => Signed(c => c["iat"] = now + 300),
            "no-jti" => Signed(c => c.Remove("jti")),
            "no-events" => Signed(c => c.Remove("events")),
            "events-not-an-object" => Signed(c => c["events"] = new[] { LogoutTokens.Event }),
            "events-without-logout-event" => Signed(c => c["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/other"] = new { } }),
            "logout-event-not-an-object" => Signed(c => c["events"] = new Dictionary<string, object> { [LogoutTokens.Event] = true }),
            "nonce" => Signed(c => c["nonce"] = "n-0S6_WzA2Mj"),
            "neither-sub-nor-sid" => Signed(c => { c.Remove("sub"); c.Remove("sid"); }),
            "sub-not-a-string" => Signed(c => c["sub"] = 1),
            "crit-header" => LogoutTokens.SignAsIs("""{"alg":"RS256","kid":"key-1","crit":["exp"]}""", payload, TestKeys.Current),
            "duplicate-member" => LogoutTokens.SignAsIs(LogoutTokens.Header, payload.TrimEnd('}') + ""","sid":"provider-session-b"}""", TestKeys.Current),
            _ => LogoutTokens.Sign(claims),
        };
        HttpContent? body = defect switch
        {
            "no-logout-token" => new FormUrlEncodedContent([new("token", token)]),
            "empty-logout-token" => new FormUrlEncodedContent([new("logout_token", "")]),
            "two-logout-tokens" => new FormUrlEncodedContent([new("logout_token", token), new("logout_token", token)]),
            "not-a-jwt" => LogoutTokens.Form("not-a-jwt"),
            "json-body" => JsonContent.Create(new Dictionary<string, string> { ["logout_token"] = token }),
            "no-body" => null,
            _ => LogoutTokens.Form(token),
        };
        return (body, token);
    }

    /// <summary>A form body, sent with Content-Length or, when it does not announce its length, chunked.</summary>
    private sealed class FormBody : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly bool _announcesItsLength;

        public FormBody(string body, bool announcesItsLength)
        {
            _bytes = Encoding.ASCII.GetBytes(body);
            _announcesItsLength = announcesItsLength;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return _announcesItsLength;
        }
    }

    public sealed class OnOneServer() : BackChannelLogoutTests(null)
    {
        [Fact]
        public async Task WhileRedisIsAwayTheProviderIsToldToRetryLater()
        {
            await using var app = CreateApp();
            await LogInAsync(app, User, ProviderSid);
            Server.Pause();

            var response = await PostAsync(app, LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, User, ProviderSid))));

            await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
            Server.Resume();
        }
    }

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : BackChannelLogoutTests(cluster);
}
