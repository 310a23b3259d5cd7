namespace AuthApi.Tests.Http;

/// <summary>
/// <c>/login</c> and <c>/oauth2callback</c> are rate limited per client IP: a flood of logins and junk callbacks must not
/// turn into a flood of authenticated token requests, which would get AuthApi's client throttled for everyone.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task AFloodOfLoginsWithJunkCallbacksReachesTheTokenEndpointOnlyWithinTheLimit()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "10");
        var attacker = app.CreateBareClient();
        var refused = 0;

        for (var i = 0; i < 50; i++)
        {
            var login = await attacker.GetAsync("/login");
            if (login.StatusCode != HttpStatusCode.Redirect)
            {
                refused++;
                continue;
            }
            var loginCookie = login.ParsedSetCookies().Single();
            var state = login.Headers.Location!.Query()["state"];
            await attacker.GetWithCookiesAsync($"/oauth2callback?code=junk&state={state}", [new(loginCookie.Name, loginCookie.Value)]);
        }

        Assert.InRange(app.Provider.RequestsTo("/token"), 1, 5);
        Assert.InRange(refused, 40, 50);
    }

    [Fact]
    public async Task OverTheLimitTheAnswerIsRateLimitedWithRetryAfter()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "2");
        var browser = app.CreateBareClient();
        await browser.GetAsync("/login");
        await browser.GetAsync("/oauth2callback");

        var limited = await browser.GetAsync("/login");

        await ProblemAssert.IsAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Empty(limited.SetCookies());
    }

    [Fact]
    public async Task OtherEndpointsAreNotLimited()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "1");
        var browser = app.CreateBareClient();
        await browser.GetAsync("/login");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => browser.GetAsync("/me")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
    }

    [Fact]
    public async Task ZeroPermitsTurnsTheLimitOff()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "0");
        var browser = app.CreateBareClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => browser.GetAsync("/oauth2callback")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode));
    }
}
