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
    public async Task AnAttackerWithAnIpv6NetworkCannotTakeAFreshWindowFromEachOfItsAddresses()
    {
        await using var app = new TestApp(settings => settings["Auth:RateLimit:PermitsPerMinute"] = "2");
        var client = app.CreateClientOfManyAddresses();

        var answers = new List<HttpResponseMessage>();
        foreach (var address in new[] { "2001:db8:1:2::a", "2001:db8:1:2::b", "2001:db8:1:2:ffff::1" })
        {
            answers.Add(await client.GetFromAsync("/login", address));
        }
        var neighbours = await client.GetFromAsync("/login", "2001:db8:1:3::a");

        Assert.Equal(HttpStatusCode.Redirect, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, answers[1].StatusCode);
        await ProblemAssert.IsAsync(answers[2], HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.Redirect, neighbours.StatusCode); // another /64 is another client
    }

    [Theory]
    [InlineData("192.0.2.7", 64, "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", 64, "192.0.2.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:3:4:5:6", 48, "2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:3:4:5:6", 128, "2001:db8:1:2:3:4:5:6/128")]
    [InlineData("2001:db8:1:2:3:4:5:6", 61, "2001:db8:1::/61")]
    public void AClientIsItsIpv4AddressOrItsIpv6Network(string address, int prefixLength, string key) =>
        Assert.Equal(key, AuthApi.Http.RateLimitClient.KeyOf(System.Net.IPAddress.Parse(address), prefixLength));

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
