using Microsoft.AspNetCore.Http;

namespace AuthApi.Tests.Proxy;

/// <summary>An upstream's cookies reach the browser, except one named like AuthApi's: it cannot replace or fixate the session.</summary>
public sealed class UpstreamCookieTests
{
    [Fact]
    public async Task AnUpstreamCannotReplaceTheSessionCookieButItsOwnCookiesPass()
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = context =>
        {
            context.Response.Headers.Append("Set-Cookie", "authapi.session=planted-by-upstream; Path=/");
            context.Response.Headers.Append("Set-Cookie", "__Host-authapi.tokensC1=planted; Path=/; Secure");
            context.Response.Headers.Append("Set-Cookie", "cart=3; Path=/");
            return Task.CompletedTask;
        };
        await using var app = new TestApp(settings => settings.AddRoute("orders", "/api/orders/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/api/orders/7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cart=3; Path=/", Assert.Single(response.Headers.GetValues("Set-Cookie")));
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("the upstream set the cookie authapi.session", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains("planted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AUTHAPI.session=planted; Path=/")]
    [InlineData("__host-authapi.session=planted; Path=/; Secure")]
    [InlineData("__Secure-Authapi.Session=planted; Path=/; Secure")]
    [InlineData("AuthApi.Login.fixed=planted; Path=/")]
    public async Task AnUpstreamCannotPlantASessionCookieUnderALookAlikeName(string planted)
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = context =>
        {
            context.Response.Headers.Append("Set-Cookie", planted);
            return Task.CompletedTask;
        };
        await using var app = new TestApp(settings => settings.AddRoute("catalog", "/public/{**rest}", upstream.Url, token: "None"));

        var response = await app.CreateBrowser().SendProxiedAsync("/public/items", csrf: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AnAnonymousRouteCannotPlantASessionCookieForALaterLogin()
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = context =>
        {
            context.Response.Headers.Append("Set-Cookie", " authapi.login.fixed=planted; Path=/");
            return Task.CompletedTask;
        };
        await using var app = new TestApp(settings => settings.AddRoute("catalog", "/public/{**rest}", upstream.Url, token: "None"));

        var response = await app.CreateBrowser().SendProxiedAsync("/public/items", csrf: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
