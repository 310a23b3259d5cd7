using CsCheck;

namespace AuthApi.Tests.Http;

/// <summary>
/// Property-based: generated ID tokens (from the provider's token endpoint at the callback, then read by <c>/me</c>), query strings and form bodies go
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

    /// <summary>Rate limits off: the generated requests come from one client in a few seconds.</summary>
    private static TestApp CreateApp() => new(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "0");
}
