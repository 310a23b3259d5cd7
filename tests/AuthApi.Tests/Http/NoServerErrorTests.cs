namespace AuthApi.Tests.Http;

/// <summary>Malformed requests get a clear 4xx or the callback's auth_error redirect, never a 500 or a logged stack trace.</summary>
public sealed class NoServerErrorTests
{
    [Theory]
    [InlineData("/oauth2callback?code=&state=AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/oauth2callback?code=a&code=b&state=x&state=y")]
    [InlineData("/oauth2callback?error=&state=")]
    [InlineData("/oauth2callback/%2F..%2F?code=x&state=y")]
    [InlineData("/oauth2callback/UPPER?code=x")]
    [InlineData("/login?max_age=99999999999")]
    [InlineData("/login?max_age=-1")]
    [InlineData("/login?provider=%00")]
    [InlineData("/login?returnUrl=%00")]
    [InlineData("/login?returnUrl=%E0%A4%A")]
    [InlineData("/login?prompt=&login_hint=&ui_locales=")]
    [InlineData("/logout?sid=%00")]
    [InlineData("/logout?sid=a&sid=b")]
    public async Task MalformedRequestsAreAnsweredWithoutAServerError(string url)
    {
        await using var app = new TestApp();

        var response = await app.CreateBareClient().GetAsync(url);

        Assert.InRange((int)response.StatusCode, 200, 499);
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("authapi.session=chunks-99999999999")]
    [InlineData("authapi.session=chunks-2; authapi.sessionC1=x; authapi.sessionC2=%%%")]
    [InlineData("authapi.session=" + "AAAA")]
    [InlineData("authapi.login.AAAAAAAAAAAAAAAA=garbage")]
    public async Task GarbageCookiesReadAsNoSession(string cookieHeader)
    {
        await using var app = new TestApp();
        var client = app.CreateBareClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", cookieHeader);

        var me = await client.SendAsync(request);
        var callback = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/oauth2callback?code=x&state=AAAAAAAAAAAAAAAAAAAAAA") { Headers = { { "Cookie", cookieHeader } } });

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.False((await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
    }
}
