using CsCheck;

namespace AuthApi.Tests.Logout;

/// <summary>
/// Property-based: generated logout tokens and form bodies at <c>POST /backchannel-logout</c> (with the Redis store, so each
/// reaches the token's validation) are answered 200 or 400, never a 5xx or a logged unhandled exception.
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

    private TestApp CreateApp() => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        settings["Auth:RateLimit:PermitsPerMinute"] = "0";
        settings["Auth:RateLimit:BackChannelPermitsPerMinute"] = "0"; // more samples than the limit when a failure shrinks
    });
}
