using CsCheck;

namespace AuthApi.Tests.Logout;

/// <summary>
/// Property-based, with the Redis store: generated logout tokens and form bodies at <c>POST /backchannel-logout</c> (the store
/// is on, so each reaches the token's validation) are answered 200 or 400, and sessions made from generated ID tokens (their
/// <c>sub</c>, <c>sid</c> and <c>iss</c> index them) are listed and ended, never with a 5xx or a logged unhandled exception.
/// </summary>
public sealed class GeneratedLogoutTokenTests() : RedisTests(null)
{
    private static readonly Dictionary<string, object> Header = new() { ["alg"] = "RS256", ["kid"] = "key-1", ["typ"] = "logout+jwt" };

    [Fact]
    public async Task NoGeneratedLogoutTokenCausesAServerError()
    {
        await using var app = CreateApp();
        var client = app.CreateBareClient();

        await HostileInput.Jwt.SampleAsync(async recipe =>
        {
            var token = recipe.Apply(Header, LogoutTokens.Claims(app, "user-1", "provider-session-a"));

            var response = await client.PostAsync("/backchannel-logout", LogoutTokens.Form(token));

            HostileInput.AssertAnsweredWithoutServerError(app, response, recipe);
        }, iter: 120, threads: 1);
    }

    [Fact]
    public async Task NoGeneratedFormBodyCausesAServerError()
    {
        await using var app = CreateApp();
        var client = app.CreateBareClient();

        await Gen.Select(HostileInput.Form, HostileInput.Jwt, Gen.Bool).SampleAsync(async (form, recipe, withToken) =>
        {
            var token = withToken ? recipe.Apply(Header, LogoutTokens.Claims(app, "user-1", "provider-session-a")) : null;

            var response = await client.PostAsync("/backchannel-logout", form.Content(token));

            HostileInput.AssertAnsweredWithoutServerError(app, response, form);
        }, iter: 80, threads: 1);
    }

    [Fact]
    public async Task NoGeneratedIdTokenCausesAServerErrorInTheStore()
    {
        await using var app = CreateApp();
        var provider = app.CreateBareClient();

        await HostileInput.Jwt.SampleAsync(async recipe =>
        {
            var browser = app.CreateBrowser();
            var grant = new Grant
            {
                Claims = { ["sid"] = "provider-session-a" },
                CreateIdToken = payload => recipe.Apply(new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = "key-1", ["typ"] = "JWT" }, payload),
            };

            HostileInput.AssertAnsweredWithoutServerError(app, await app.LoginAsync(browser, grant), recipe);
            HostileInput.AssertAnsweredWithoutServerError(app, await browser.GetAsync("/me/sessions"), recipe);
            var bySid = LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, subject: null, "provider-session-a")));
            HostileInput.AssertAnsweredWithoutServerError(app, await provider.PostAsync("/backchannel-logout", bySid), recipe);
            var bySub = LogoutTokens.Form(LogoutTokens.Sign(LogoutTokens.Claims(app, "user-1", sid: null)));
            HostileInput.AssertAnsweredWithoutServerError(app, await provider.PostAsync("/backchannel-logout", bySub), recipe);
            using var everywhere = new HttpRequestMessage(HttpMethod.Post, "/logout?everywhere=true") { Headers = { { "X-CSRF", "1" } } };
            HostileInput.AssertAnsweredWithoutServerError(app, await browser.SendAsync(everywhere), recipe);
        }, iter: 100, threads: 1);
    }

    private TestApp CreateApp() => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        settings["Auth:RateLimit:PermitsPerMinute"] = "0";
        settings["Auth:RateLimit:BackChannelPermitsPerMinute"] = "0"; // more samples than the limit when a failure shrinks
    });
}
