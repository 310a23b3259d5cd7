using AuthApi.Contracts;

namespace AuthApi.Tests.Sessions;

/// <summary>Without server-side sessions the endpoints that need them answer 404 <c>session_store_disabled</c> and change nothing.</summary>
public sealed class SessionStoreDisabledTests
{
    [Fact]
    public async Task TheSessionListIsSessionStoreDisabled()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        await ProblemAssert.IsAsync(await browser.GetAsync("/me/sessions"), HttpStatusCode.NotFound, ErrorCodes.SessionStoreDisabled);
    }

    [Fact]
    public async Task EndingASessionByItsIdIsSessionStoreDisabledAndEndsNothing()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var sid = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString()!["/logout?sid=".Length..];

        var end = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Delete, $"/me/sessions/{sid}"));

        await ProblemAssert.IsAsync(end, HttpStatusCode.NotFound, ErrorCodes.SessionStoreDisabled);
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task LoggingOutEverywhereIsSessionStoreDisabledAndLogsNobodyOut()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var logout = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout?everywhere=true"));

        await ProblemAssert.IsAsync(logout, HttpStatusCode.NotFound, ErrorCodes.SessionStoreDisabled);
        Assert.True((await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean());
        Assert.Empty(app.Provider.RevokedTokens);
    }
}
