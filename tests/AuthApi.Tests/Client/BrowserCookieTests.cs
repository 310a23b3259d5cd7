using AuthApi.Client;
using AuthApi.Contracts;

namespace AuthApi.Tests.Client;

/// <summary>
/// <c>ForwardBrowserCookies()</c> (AuthApi.Client.AspNetCore): an app calls AuthApi as the browser of the request it handles, and
/// the cookies AuthApi sets reach that browser.
/// </summary>
public sealed class BrowserCookieTests
{
    [Fact]
    public async Task ARefreshThroughTheAppReachesTheBrowserWhoseOwnRefreshWorksAfterTheGraceMinute()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        var recorder = new RecordingHandler(app);
        using var client = new ClientUnderTest(app, primaryHandler: () => recorder, build: builder => builder.ForwardBrowserCookies());
        var request = BrowserRequest.Start(client, browserCookies);

        await client.Api.RefreshTokensAsync();
        browserCookies.Receive(request);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var browsersRefresh = await RefreshAsync(browser);

        Assert.NotEmpty(recorder.SetCookies);
        Assert.Equal<string?>(recorder.SetCookies, request.Response.Headers.SetCookie);
        Assert.Equal(HttpStatusCode.OK, browsersRefresh.StatusCode);
        Assert.Equal(2, app.Provider.RefreshGrants);
    }

    [Fact]
    public async Task WithForwardCookiesFromTheBrowsersOwnRefreshAfterTheGraceMinuteEndsTheSession()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        var cookieHeader = browserCookies.GetCookieHeader(ClientUnderTest.BaseAddress);
        using var client = new ClientUnderTest(app, options => options.ForwardCookiesFrom(_ => cookieHeader));

        await client.Api.RefreshTokensAsync();
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var browsersRefresh = await RefreshAsync(browser);

        // The documented consequence of ForwardCookiesFrom, and the bug ForwardBrowserCookies fixes.
        await ProblemAssert.IsAsync(browsersRefresh, HttpStatusCode.Unauthorized, ErrorCodes.SessionEnded);
    }

    [Fact]
    public async Task ASecondCallInTheSameRequestSendsTheRotatedCookies()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        using var client = new ClientUnderTest(app, build: builder => builder.ForwardBrowserCookies());
        BrowserRequest.Start(client, browserCookies);

        var refreshed = await client.Api.RefreshTokensAsync();
        var tokens = await client.Api.GetTokensAsync();

        // The request's own cookies still hold the old access token: only the rotated ones hold this one.
        Assert.Equal(refreshed.Access, tokens.Access);
    }

    [Fact]
    public async Task AfterALogoutInTheSameRequestLaterCallsSendNoSessionCookie()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        var recorder = new RecordingHandler(app);
        using var client = new ClientUnderTest(app, primaryHandler: () => recorder, build: builder => builder.ForwardBrowserCookies());
        BrowserRequest.Start(client, browserCookies);

        await client.Api.GetMeAsync();
        var before = recorder.LastCookieHeader;
        await client.Api.LogoutAsync();
        await client.Api.GetMeAsync();

        Assert.Contains("authapi.session=", before, StringComparison.Ordinal);
        Assert.DoesNotContain("authapi.session=", recorder.LastCookieHeader ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheRequestsCookiesAreSentToAuthApi()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        var recorder = new RecordingHandler(app);
        using var client = new ClientUnderTest(app, primaryHandler: () => recorder, build: builder => builder.ForwardBrowserCookies());
        var request = BrowserRequest.Start(client, browserCookies);
        request.Request.Headers.Authorization = "Bearer the-apps-own-token";
        request.Request.Headers["X-Forwarded-For"] = "203.0.113.9";

        var me = await client.Api.GetMeAsync();

        Assert.True(me.IsLoggedIn);
        Assert.Equal(browserCookies.GetCookieHeader(ClientUnderTest.BaseAddress), recorder.LastCookieHeader);
        Assert.Null(recorder.Requests[^1].Headers.Authorization);
        Assert.False(recorder.Requests[^1].Headers.Contains("X-Forwarded-For"));
    }

    [Fact]
    public async Task RotatedCookiesStayInTheirRequestAndReachNoOtherBrowser()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        using var client = new ClientUnderTest(app, build: builder => builder.ForwardBrowserCookies());
        BrowserRequest.Start(client, browserCookies);
        await client.Api.RefreshTokensAsync();

        var stranger = BrowserRequest.Start(client, new CookieContainer());
        var strangersMe = await client.Api.GetMeAsync();

        Assert.False(strangersMe.IsLoggedIn);
        Assert.Equal(0, stranger.Response.Headers.SetCookie.Count);
    }

    [Fact]
    public async Task NewCookiesForAResponseAlreadyStartedThrowSayingWhatToDo()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        var recorder = new RecordingHandler(app);
        using var client = new ClientUnderTest(app, primaryHandler: () => recorder, build: builder => builder.ForwardBrowserCookies());
        BrowserRequest.Start(client, browserCookies, responseStarted: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Api.RefreshTokensAsync());

        Assert.Contains("POST /me/tokens/refresh", error.Message, StringComparison.Ordinal);
        Assert.Contains("before the response starts", error.Message, StringComparison.Ordinal);
        Assert.All(recorder.SetCookies.Select(SetCookie.Parse).Where(cookie => !cookie.IsDeletion), cookie => Assert.DoesNotContain(cookie.Value, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutsideARequestNoCookieIsSentAndACookieFromAuthApiThrows()
    {
        await using var app = new TestApp();
        var recorder = new RecordingHandler(app);
        using var client = new ClientUnderTest(app, primaryHandler: () => recorder, build: builder => builder.ForwardBrowserCookies());

        var me = await client.Api.GetMeAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Api.GetLoginUrlAsync());

        Assert.False(me.IsLoggedIn);
        Assert.False(recorder.Requests[0].Headers.Contains("Cookie"));
        Assert.Contains("outside an HTTP request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardBrowserCookiesOnAClientWithACookieContainerFails()
    {
        var services = new ServiceCollection();
        var builder = services.AddAuthApiClient(options =>
        {
            options.BaseAddress = ClientUnderTest.BaseAddress;
            options.CookieContainer = new CookieContainer();
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.ForwardBrowserCookies());

        Assert.Contains("already has a cookie source", error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient browser)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/me/tokens/refresh");
        request.Headers.Add(AntiForgeryHeader.Name, AntiForgeryHeader.Value);
        return browser.SendAsync(request);
    }
}
