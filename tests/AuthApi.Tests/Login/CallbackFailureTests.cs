using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Login;

/// <summary>Every failure row of the callback table: a redirect with auth_error, and no session.</summary>
public sealed class CallbackFailureTests
{
    [Fact]
    public async Task CallbackWithoutLoginCookieIsLoginExpired()
    {
        await using var app = new TestApp();
        var authorizationUrl = await app.CreateBrowser().StartLoginAsync();

        var callback = await app.CompleteLoginAsync(app.CreateBrowser(), authorizationUrl);

        CallbackAssert.FailedWith(callback, "login_expired");
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
    }

    [Fact]
    public async Task ReplayedCallbackWithItsCookieCreatesNoSession()
    {
        await using var app = new TestApp();
        var start = await app.CreateBareClient().GetAsync("/login");
        var authorizationUrl = start.Headers.Location!;
        var loginCookie = string.Join("; ", start.SetCookies().Select(cookie => cookie[..cookie.IndexOf(';')]));
        var code = app.Provider.IssueCode(authorizationUrl, new Grant());
        var callbackUrl = $"/oauth2callback?code={code}&state={authorizationUrl.Query()["state"]}";
        var first = await SendWithCookie(app, callbackUrl, loginCookie);
        Assert.Contains(first.CookiesWritten(), name => name == "authapi.session");

        var replay = await SendWithCookie(app, callbackUrl, loginCookie);

        CallbackAssert.FailedWith(replay, "login_expired");
        Assert.Equal(1, app.Provider.RequestsTo("/token"));
    }

    [Fact]
    public async Task CallbackAfterLoginTimeoutIsLoginExpired()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync("?returnUrl=/slow");
        app.Time.Advance(TimeSpan.FromMinutes(11));

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "login_expired", "/slow");
        CallbackAssert.DeletedLoginCookie(callback);
    }

    [Fact]
    public async Task CallbackWithAlteredStateIsStateMismatch()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        var state = authorizationUrl.Query()["state"];
        var altered = state[..20] + (state[20] == 'A' ? 'B' : 'A') + state[21..];

        var callback = await browser.GetAsync($"/oauth2callback?code=x&state={altered}");

        CallbackAssert.FailedWith(callback, "state_mismatch");
        CallbackAssert.DeletedLoginCookie(callback);
    }

    [Fact]
    public async Task CallbackWithForeignIssIsIssuerMismatch()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl, extraQuery: "&iss=https%3A%2F%2Fevil.example");

        CallbackAssert.FailedWith(callback, "issuer_mismatch");
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
    }

    [Fact]
    public async Task CallbackWithoutIssWhenProviderPromisesItIsIssuerMismatch()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["authorization_response_iss_parameter_supported"] = true);
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "issuer_mismatch");
    }

    [Fact]
    public async Task CallbackWithTheProvidersIssSucceeds()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["authorization_response_iss_parameter_supported"] = true);
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl, extraQuery: "&iss=" + Uri.EscapeDataString(app.Provider.Issuer));

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Contains("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task ProviderErrorIsReportedWithItsSanitizedCode()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync("?returnUrl=/app");
        var state = authorizationUrl.Query()["state"];

        var callback = await browser.GetAsync($"/oauth2callback?error=access_denied%3Cscript%3E&error_description=User+said+no&state={state}");

        CallbackAssert.FailedWith(callback, "provider_error", "/app");
        Assert.Equal("access_denied", callback.Headers.Location!.Query()["auth_error_detail"]);
        Assert.DoesNotContain("script", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TokenEndpointRejectingTheCodeIsTokenExchangeFailed()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, new Grant { TokenStatus = 400 });

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
    }

    [Fact]
    public async Task EmptyCodeIsTokenExchangeFailedWithoutAnErrorLogged()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();

        var callback = await browser.GetAsync($"/oauth2callback?code=&state={authorizationUrl.Query()["state"]}");

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdTokenWithoutAuthTimeIsIdTokenInvalidWhenMaxAgeWasSent()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, query: "?max_age=300");

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Fact]
    public async Task IdTokenWithAnAuthTimeOlderThanMaxAgeIsIdTokenInvalid()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:AuthorizeParameters:max_age"] = "300");
        var browser = app.CreateBrowser();
        var longAgo = app.Time.GetUtcNow().AddMinutes(-30).ToUnixTimeSeconds();

        var callback = await app.LoginAsync(browser, new Grant { ChangeIdToken = payload => payload["auth_time"] = longAgo });

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Theory]
    [InlineData("iat")]
    [InlineData("exp")]
    [InlineData("auth_time")]
    public async Task AnIdTokenWithADateInMillisecondsIsIdTokenInvalidNotAnError(string claim)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var inMilliseconds = app.Time.GetUtcNow().ToUnixTimeMilliseconds(); // past year 9999 when read as seconds

        var callback = await app.LoginAsync(browser, new Grant { ChangeIdToken = payload => payload[claim] = inMilliseconds }, "?max_age=300");

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Fact]
    public async Task AnEncryptedIdTokenIsIdTokenInvalidNotAnError()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, new Grant { CreateIdToken = _ => LogoutTokens.JweShaped });

        CallbackAssert.FailedWith(callback, "id_token_invalid");
    }

    [Fact]
    public async Task IdTokenWithARecentAuthTimeIsAcceptedWhenMaxAgeWasSent()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var justNow = app.Time.GetUtcNow().AddSeconds(-10).ToUnixTimeSeconds();

        var callback = await app.LoginAsync(browser, new Grant { ChangeIdToken = payload => payload["auth_time"] = justNow }, "?max_age=300");

        Assert.Contains("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task TokenResponseWithoutIdTokenIsTokenExchangeFailed()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, new Grant { OmitIdToken = true });

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
    }

    [Fact]
    public async Task UnreachableTokenEndpointIsTokenExchangeFailed()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        app.Provider.GoDown();

        var callback = await app.CompleteLoginAsync(browser, authorizationUrl);

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"id_token\": 5}")]
    [InlineData("<html>gateway</html>")]
    [InlineData("{\"access_token\": \"a\", \"token_type\": \"Bearer\", \"id_token\": \"\\ud800\"}")] // a lone surrogate: reading it throws
    [InlineData("{\"error\": \"\\udc00\"}")]
    public async Task MalformedTokenResponseIsTokenExchangeFailed(string body)
    {
        await using var app = new TestApp();

        var callback = await app.LoginAsync(app.CreateBrowser(), new Grant { RawTokenResponse = body });

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
    }

    [Theory]
    [InlineData("access\r\nX-Forged: 1")]
    [InlineData("access\u0000")]
    [InlineData("accès")]
    public async Task AnAccessTokenNoHeaderCanCarryIsTokenExchangeFailed(string accessToken)
    {
        await using var app = new TestApp();

        // RFC 6749 Appendix A.12: an access token is 1*VSCHAR; this one would throw when put in userinfo's Authorization header.
        var callback = await app.LoginAsync(app.CreateBrowser(), new Grant { AccessToken = accessToken });

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"user-1\"")]
    [InlineData("{\"sub\": 5, \"role\": \"admin\"}")]
    [InlineData("{\"role\": \"admin\"}")]
    [InlineData("{\"sub\": \"user-1\", \"role\": \"admin\", \"role\": \"user\"}")]
    [InlineData("{\"sub\": \"user-1\", \"sub\": \"someone-else\", \"role\": \"admin\"}")]
    [InlineData("{\"sub\": \"someone-else\", \"sub\": \"user-1\", \"role\": \"admin\"}")]
    public async Task UnusableUserInfoIsLoggedAndTheLoginGoesOnWithoutItsClaims(string body)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, new Grant { RawUserInfo = body });

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("user-1", me.GetProperty("sub").GetString());
        Assert.Equal("ada@example.com", me.GetProperty("email").GetString());
        Assert.False(me.GetProperty("claims").TryGetProperty("role", out _));
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Userinfo of provider test is unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserInfoObjectForTheSameSubjectAddsItsClaims()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        await app.LoginAsync(browser, new Grant { RawUserInfo = "{\"sub\": \"user-1\", \"role\": \"admin\"}" });

        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("admin", me.GetProperty("claims").GetProperty("role").GetString());
    }

    [Fact]
    public async Task UserInfoRefusingTheAccessTokenLeavesTheLoginToTheIdTokensClaims()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        // Entra answers 401 to userinfo when the access token is for a custom API scope.
        var callback = await app.LoginAsync(browser, new Grant { UserInfoStatus = 401 });

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Userinfo of provider test is unavailable (Http 401)", StringComparison.Ordinal));
    }

    public static TheoryData<string> IdTokenDefects() =>
    [
        "foreign-key", "unsigned", "hmac-with-public-key", "wrong-iss", "wrong-aud", "several-aud-without-azp",
        "foreign-azp", "expired", "issued-in-future", "wrong-nonce", "no-nonce", "null-nonce", "no-iat", "not-a-jwt",
        "aud-with-trailing-slash", "crit-header", "duplicate-sub", "duplicate-header-member",
    ];

    [Theory]
    [MemberData(nameof(IdTokenDefects))]
    public async Task DefectiveIdTokenIsIdTokenInvalid(string defect)
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, DefectiveGrant(defect, app));

        CallbackAssert.FailedWith(callback, "id_token_invalid");
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task IdTokenWithinClockSkewIsAccepted()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
        var grant = new Grant { ChangeIdToken = payload => { payload["exp"] = now - 60; payload["iat"] = now + 60; } };

        var callback = await app.LoginAsync(browser, grant);

        Assert.Contains("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task HmacIdTokensAreAcceptedOnlyWhenConfiguredAndKeyedWithTheClientSecret()
    {
        await using var app = new TestApp(settings => settings["Auth:Providers:test:IdTokenSigningAlgorithms:0"] = "HS256");
        var withSecret = new Grant { CreateIdToken = payload => Hmac(payload, System.Text.Encoding.UTF8.GetBytes(TestProvider.ClientSecret)) };
        var withPublicKey = new Grant { CreateIdToken = HmacWithPublicKey };

        var accepted = await app.LoginAsync(app.CreateBrowser(), withSecret);
        var rejected = await app.LoginAsync(app.CreateBrowser(), withPublicKey);
        var rsaRejected = await app.LoginAsync(app.CreateBrowser());

        Assert.Contains("authapi.session", accepted.CookiesWritten());
        CallbackAssert.FailedWith(rejected, "id_token_invalid");
        CallbackAssert.FailedWith(rsaRejected, "id_token_invalid");
    }

    [Fact]
    public async Task SeveralAudiencesWithThisClientAsAzpAreAccepted()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = new Grant
        {
            ChangeIdToken = payload =>
            {
                payload["aud"] = new[] { TestProvider.ClientId, "other-api" };
                payload["azp"] = TestProvider.ClientId;
            },
        };

        var callback = await app.LoginAsync(browser, grant);

        Assert.Contains("authapi.session", callback.CookiesWritten());
    }

    [Fact]
    public async Task FailingUserInfoLeavesTheLoginToTheIdTokensClaims()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, new Grant { UserInfoStatus = 500, Claims = new() { ["email"] = "ada@example.com" } });

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("ada@example.com", me.GetProperty("email").GetString());
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("Userinfo of provider test is unavailable (Http 500)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserInfoForAnotherSubjectIsUserInfoInvalid()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, new Grant { UserInfo = new() { ["sub"] = "someone-else" } });

        CallbackAssert.FailedWith(callback, "userinfo_invalid");
    }

    [Fact]
    public async Task FailedLoginLeavesAnExistingSessionAsItIs()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var callback = await app.LoginAsync(browser, new Grant { Subject = "user-2", TokenStatus = 400 });

        CallbackAssert.FailedWith(callback, "token_exchange_failed");
        Assert.DoesNotContain(callback.SetCookies(), cookie => cookie.StartsWith("authapi.session", StringComparison.Ordinal));
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal("user-1", me.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task FailuresAreLoggedWithoutCodesOrTokens()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var authorizationUrl = await browser.StartLoginAsync();
        var grant = new Grant { ChangeIdToken = payload => payload["aud"] = "other-client" };
        var code = app.Provider.IssueCode(authorizationUrl, grant);

        await browser.GetAsync($"/oauth2callback?code={code}&state={authorizationUrl.Query()["state"]}");

        var lines = app.Factory.Logs.Lines.ToArray();
        Assert.Contains(lines, line => line.Contains("id_token_invalid"));
        Assert.DoesNotContain(lines, line => line.Contains(code) || line.Contains(grant.AccessToken) || line.Contains(grant.RefreshToken!)
            || line.Contains(TestProvider.ClientSecret) || line.Contains(authorizationUrl.Query()["state"]));
    }

    private static Grant DefectiveGrant(string defect, TestApp app)
    {
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
        return defect switch
        {
            "foreign-key" => new Grant { SigningKey = TestKeys.Foreign },
            "unsigned" => new Grant { CreateIdToken = Unsigned },
            "hmac-with-public-key" => new Grant { CreateIdToken = HmacWithPublicKey },
            "wrong-iss" => new Grant { ChangeIdToken = payload => payload["iss"] = "https://evil.example" },
            "wrong-aud" => new Grant { ChangeIdToken = payload => payload["aud"] = "other-client" },
            "several-aud-without-azp" => new Grant { ChangeIdToken = payload => payload["aud"] = new[] { TestProvider.ClientId, "other-api" } },
            "foreign-azp" => new Grant { ChangeIdToken = payload => payload["azp"] = "other-client" },
            "expired" => new Grant { ChangeIdToken = payload => payload["exp"] = now - 300 },
            "issued-in-future" => new Grant { ChangeIdToken = payload => payload["iat"] = now + 300 },
            "wrong-nonce" => new Grant { ChangeIdToken = payload => payload["nonce"] = "not-the-nonce" },
            "no-nonce" => new Grant { ChangeIdToken = payload => payload.Remove("nonce") },
            "null-nonce" => new Grant { ChangeIdToken = payload => payload["nonce"] = null! },
            "no-iat" => new Grant { ChangeIdToken = payload => payload.Remove("iat") },
            "not-a-jwt" => new Grant { CreateIdToken = _ => "not-a-jwt" },
            "aud-with-trailing-slash" => new Grant { ChangeIdToken = payload => payload["aud"] = TestProvider.ClientId + "/" },
            "crit-header" => new Grant { CreateIdToken = payload => Signed("""{"alg":"RS256","kid":"key-1","crit":["exp"]}""", JsonSerializer.Serialize(payload)) },
            "duplicate-sub" => new Grant { CreateIdToken = payload => Signed("""{"alg":"RS256","kid":"key-1"}""", JsonSerializer.Serialize(payload).TrimEnd('}') + ""","sub":"someone-else"}""") },
            "duplicate-header-member" => new Grant { CreateIdToken = payload => Signed("""{"alg":"RS256","kid":"other-key","kid":"key-1"}""", JsonSerializer.Serialize(payload)) },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
    }

    /// <summary>A JWS with exactly this header and payload text, signed with the provider's key (a library would not write defects).</summary>
    private static string Signed(string header, string payload)
    {
        var signingInput = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
        var signature = TestKeys.Current.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string Unsigned(Dictionary<string, object> payload) =>
        Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"key-1"}""") + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload)) + ".";

    /// <summary>The algorithm-confusion attack: HS256 keyed with the provider's public RSA key.</summary>
    private static string HmacWithPublicKey(Dictionary<string, object> payload) =>
        Hmac(payload, TestKeys.Current.Rsa.ExportSubjectPublicKeyInfo());

    private static string Hmac(Dictionary<string, object> payload, byte[] secret)
    {
        var key = new SymmetricSecurityKey(secret) { KeyId = "key-1" };
        return new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(payload), new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
    }

    private static Task<HttpResponseMessage> SendWithCookie(TestApp app, string url, string cookieHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookieHeader);
        return app.CreateBareClient().SendAsync(request);
    }
}
