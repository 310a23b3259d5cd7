using CsCheck;

namespace AuthApi.Tests.Http;

/// <summary>
/// Property-based: generated ID tokens (from the provider's token endpoint at the callback, then read by <c>/me</c>), answers of
/// the token, userinfo and revocation endpoints (at the callback, a refresh and the logout), query strings and form bodies go
/// through the whole pipeline, and none is answered with a 5xx or logs an unhandled exception. A failure prints the seed that
/// replays it (pass it as <c>seed:</c> to <see cref="Check.SampleAsync{T}(Gen{T}, Func{T, Task}, Action{string}?, string?, long, int, int, Func{T, string}?, ISampleLogger?)"/>).
/// </summary>
public sealed class GeneratedInputTests
{
    private static readonly Dictionary<string, object> IdTokenHeader = new() { ["alg"] = "RS256", ["kid"] = "key-1", ["typ"] = "JWT" };

    [Fact]
    public async Task NoGeneratedIdTokenCausesAServerError()
    {
        await using var app = CreateApp();

        await HostileInput.Jwt.SampleAsync(async recipe =>
        {
            var browser = app.CreateBrowser();
            var grant = new Grant { CreateIdToken = payload => recipe.Apply(IdTokenHeader, payload) };

            var callback = await app.CompleteLoginAsync(browser, await browser.StartLoginAsync(), grant);
            var me = await browser.GetAsync("/me");
            var tokens = await browser.GetAsync("/me/tokens");

            HostileInput.AssertAnsweredWithoutServerError(app, callback, recipe);
            HostileInput.AssertAnsweredWithoutServerError(app, me, recipe);
            HostileInput.AssertAnsweredWithoutServerError(app, tokens, recipe);
        }, iter: 150, threads: 1);
    }

    [Fact]
    public async Task NoGeneratedProviderAnswerCausesAServerError()
    {
        await using var app = CreateApp();
        var answers = new ProviderAnswers(app);
        app.Provider.Answer("/token", request => (request.Body ?? "").Contains("grant_type=refresh_token", StringComparison.Ordinal) ? answers.Refresh() : answers.Code());
        app.Provider.Answer("/userinfo", _ => answers.UserInfo());
        app.Provider.Answer("/revoke", _ => answers.Revocation());

        await Gen.Select(HostileInput.TokenAnswer, HostileInput.TokenAnswer, HostileInput.UserInfoAnswer, HostileInput.TokenAnswer).SampleAsync(async (code, refresh, userInfo, revocation) =>
        {
            var browser = app.CreateBrowser();
            var authorizationUrl = await browser.StartLoginAsync();
            answers.Next(authorizationUrl.Query()["nonce"], code, refresh, userInfo, revocation);
            var input = $"token {code}, refresh {refresh}, userinfo {userInfo}, revocation {revocation}";

            HostileInput.AssertAnsweredWithoutServerError(app, await app.CompleteLoginAsync(browser, authorizationUrl), input);
            HostileInput.AssertAnsweredWithoutServerError(app, await browser.GetAsync("/me"), input);
            // An expired access token is refreshed first: the refresh's answer may be unusable, which is 502 refresh_failed by contract.
            await HostileInput.AssertAnsweredWithoutServerErrorButRefreshFailedAsync(app, await browser.GetAsync("/me/tokens"), input);
            await HostileInput.AssertAnsweredWithoutServerErrorButRefreshFailedAsync(app, await browser.SendAsync(WithCsrf(HttpMethod.Post, "/me/tokens/refresh")), input);
            HostileInput.AssertAnsweredWithoutServerError(app, await browser.SendAsync(WithCsrf(HttpMethod.Post, "/logout")), input);
        }, iter: 100, threads: 1);
    }

    [Fact]
    public async Task NoGeneratedQueryStringCausesAServerError()
    {
        await using var app = CreateApp();

        await Gen.Select(Gen.OneOf("/login", "/oauth2callback", "/oauth2callback/test"), HostileInput.Query, Gen.Bool).SampleAsync(async (path, query, withLogin) =>
        {
            var browser = app.CreateBrowser();
            // With a login under way, a state parameter carries its real state, so the callback's later checks run too.
            var state = withLogin ? (await browser.StartLoginAsync()).Query()["state"] : null;
            var url = path + HostileInput.QueryString(query.Select(p => (p.Name, p.Name == "state" ? state ?? p.Value : p.Value, p.Encoded)));

            var response = await browser.GetAsync(new Uri(url, UriKind.Relative));

            HostileInput.AssertAnsweredWithoutServerError(app, response, url);
        }, iter: 150, threads: 1);
    }

    [Fact]
    public async Task NoGeneratedFormBodyCausesAServerError()
    {
        await using var app = CreateApp();

        await Gen.Select(Gen.OneOf("/oauth2callback", "/oauth2callback/test", "/logout", "/logout?everywhere=true"), HostileInput.Form, Gen.Bool).SampleAsync(async (path, form, withLogin) =>
        {
            var browser = app.CreateBrowser();
            if (withLogin)
            {
                await app.LoginAsync(browser);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form.Content() };
            request.Headers.Add("X-CSRF", "1");

            var response = await browser.SendAsync(request);

            HostileInput.AssertAnsweredWithoutServerError(app, response, $"{path} {form}");
        }, iter: 100, threads: 1);
    }

    private static HttpRequestMessage WithCsrf(HttpMethod method, string path) => new(method, path) { Headers = { { "X-CSRF", "1" } } };

    /// <summary>What the provider's token and userinfo endpoints answer in the current iteration: valid answers, changed by the recipes.</summary>
    private sealed class ProviderAnswers(TestApp app)
    {
        private string _nonce = "";
        private HostileInput.AnswerRecipe? _code;
        private HostileInput.AnswerRecipe? _refresh;
        private HostileInput.AnswerRecipe? _userInfo;
        private HostileInput.AnswerRecipe? _revocation;

        public void Next(string nonce, HostileInput.AnswerRecipe code, HostileInput.AnswerRecipe refresh, HostileInput.AnswerRecipe userInfo, HostileInput.AnswerRecipe revocation) =>
            (_nonce, _code, _refresh, _userInfo, _revocation) = (nonce, code, refresh, userInfo, revocation);

        /// <summary>The answer to the code: tokens with an ID token for this login (its nonce), so the login gets past it.</summary>
        public (int, string) Code() => _code!.Apply(Tokens(_nonce), AccessTokenClaims());

        /// <summary>The answer to a refresh: new tokens with an ID token without nonce (OpenID Connect Core §12.2).</summary>
        public (int, string) Refresh() => _refresh!.Apply(Tokens(nonce: null), AccessTokenClaims());

        public (int, string) UserInfo() => _userInfo!.Apply(new() { ["sub"] = "user-1", ["name"] = "Ada Lovelace", ["email"] = "ada@example.com" });

        /// <summary>The answer to the logout's revocation of the refresh token: an empty object when valid (RFC 7009 §2.2).</summary>
        public (int, string) Revocation() => _revocation!.Apply([]);

        private Dictionary<string, object> Tokens(string? nonce)
        {
            var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
            var idToken = new Dictionary<string, object>
            {
                ["iss"] = app.Provider.Issuer,
                ["aud"] = TestProvider.ClientId,
                ["sub"] = "user-1",
                ["iat"] = now,
                ["exp"] = now + 3600,
            };
            if (nonce is not null)
            {
                idToken["nonce"] = nonce;
            }
            return new()
            {
                ["access_token"] = "access-" + Guid.NewGuid().ToString("N"),
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["refresh_token"] = "refresh-" + Guid.NewGuid().ToString("N"),
                ["scope"] = "openid profile email",
                ["id_token"] = app.Provider.CreateIdToken(idToken, TestKeys.Current),
            };
        }

        private Dictionary<string, object> AccessTokenClaims() => new()
        {
            ["sub"] = "user-1",
            ["aud"] = "https://api.example.com",
            ["exp"] = app.Time.GetUtcNow().AddMinutes(20).ToUnixTimeSeconds(),
        };
    }

    /// <summary>Rate limits off: the generated requests come from one client in a few seconds.</summary>
    private static TestApp CreateApp() => new(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "0");
}
