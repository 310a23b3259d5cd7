using System.Globalization;
using System.Text.Json;
using AuthApi.Contracts;

namespace AuthApi.Tests.Http;

/// <summary>
/// <c>/backchannel-logout</c> is unauthenticated and every token costs a signature check, so it is rate limited per client IP
/// too: with its own limit (<c>Auth:RateLimit:BackChannelPermitsPerMinute</c>, higher than a browser's, as a provider ends
/// many sessions at once) in windows of its own, shared by every instance through Redis.
/// </summary>
public sealed class BackChannelRateLimitTests() : RedisTests(null)
{
    [Fact]
    public async Task AFloodOfForgedLogoutTokensIsRefusedOverTheLimitWithRetryAfter()
    {
        await using var app = CreateApp(loginPermits: 60, backChannelPermits: 3);
        var attacker = app.CreateBareClient();

        var answers = await PostForgedTokensAsync(attacker, app, count: 5);

        Assert.All(answers.Take(3), answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        foreach (var limited in answers.Skip(3))
        {
            await ProblemAssert.IsAsync(limited, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
            Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        }
        Assert.Equal(2, app.Factory.Logs.Lines.Count(line =>
            line.Contains("Rate limited /backchannel-logout for a client IP: over Auth:RateLimit:BackChannelPermitsPerMinute", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheLoginAndBackChannelLimitsAreSeparateBuckets()
    {
        await using var app = CreateApp(loginPermits: 2, backChannelPermits: 2);
        var client = app.CreateBareClient();
        var logins = new[] { await client.GetAsync("/login"), await client.GetAsync("/login"), await client.GetAsync("/login") };

        var logouts = await PostForgedTokensAsync(client, app, count: 3);
        var loginAgain = await client.GetAsync("/login");

        Assert.Equal([HttpStatusCode.Found, HttpStatusCode.Found, HttpStatusCode.TooManyRequests], logins.Select(answer => answer.StatusCode));
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], logouts.Select(answer => answer.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, loginAgain.StatusCode);
        Assert.Single(await Redis.KeysAsync("authapi:login-rate:*"));
        Assert.Single(await Redis.KeysAsync("authapi:backchannel-logout-rate:*"));
    }

    [Fact]
    public async Task TwoInstancesOnOneRedisShareOneBackChannelLimit()
    {
        await using var app = CreateApp(loginPermits: 60, backChannelPermits: 2);
        var onA = app.CreateBareClient();
        var onB = app.AddInstance().CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var passed = new[] { await onA.PostAsync("/backchannel-logout", LogoutTokens.Form(Forged(app))), await onB.PostAsync("/backchannel-logout", LogoutTokens.Form(Forged(app))) };

        var limitedOnA = await onA.PostAsync("/backchannel-logout", LogoutTokens.Form(Forged(app)));
        var limitedOnB = await onB.PostAsync("/backchannel-logout", LogoutTokens.Form(Forged(app)));

        Assert.All(passed, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        await ProblemAssert.IsAsync(limitedOnA, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        await ProblemAssert.IsAsync(limitedOnB, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
    }

    [Fact]
    public async Task ZeroTurnsTheBackChannelLimitOffButNotTheLoginLimit()
    {
        await using var app = CreateApp(loginPermits: 1, backChannelPermits: 0);
        var client = app.CreateBareClient();

        var logouts = await PostForgedTokensAsync(client, app, count: 10);
        var logins = new[] { await client.GetAsync("/login"), await client.GetAsync("/login") };

        Assert.All(logouts, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        Assert.Equal([HttpStatusCode.Found, HttpStatusCode.TooManyRequests], logins.Select(answer => answer.StatusCode));
    }

    private static async Task<List<HttpResponseMessage>> PostForgedTokensAsync(HttpClient client, TestApp app, int count)
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            answers.Add(await client.PostAsync("/backchannel-logout", LogoutTokens.Form(Forged(app))));
        }
        return answers;
    }

    /// <summary>A logout token for a victim's sessions, signed with a key the provider does not publish.</summary>
    private static string Forged(TestApp app) =>
        LogoutTokens.SignAsIs(LogoutTokens.Header, JsonSerializer.Serialize(LogoutTokens.Claims(app, "victim", sid: null)), TestKeys.Foreign);

    private TestApp CreateApp(int loginPermits, int backChannelPermits) => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        settings["Auth:RateLimit:PermitsPerMinute"] = loginPermits.ToString(CultureInfo.InvariantCulture);
        settings["Auth:RateLimit:BackChannelPermitsPerMinute"] = backChannelPermits.ToString(CultureInfo.InvariantCulture);
        settings["Logging:Collector:LogLevel:Default"] = "Debug";
    });
}
