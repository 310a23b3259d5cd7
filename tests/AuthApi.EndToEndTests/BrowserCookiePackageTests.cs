using System.Text.Json;
using AuthApi.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApi.EndToEndTests;

/// <summary>
/// An ASP.NET Core app (tests/PackageWebApp, AuthApi.Client.AspNetCore installed from the feed) refreshes the tokens of a real
/// browser's session beside the running stack, and the browser carries on with AuthApi with the cookies the app passed back.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BrowserCookiePackageTests(RunningStack stack, BrowserFixture browsers) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await browsers.Browser.NewContextAsync();

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task ARefreshThroughTheAppLeavesTheBrowserTheRotatedCookiesAndItsOwnRefreshWorks()
    {
        await using var app = await PackageWebAppProcess.StartAsync(stack.ApiUrl, "Browser");
        var page = await LogInAsync();
        var before = await FetchAsync(page, "GET", "/me/tokens");

        await page.GotoAsync(app.Url.ToString());
        var appsRefresh = await FetchAsync(page, "POST", "/refresh");
        await page.GotoAsync(new Uri(stack.ApiUrl, "/healthz").ToString());
        var after = await FetchAsync(page, "GET", "/me/tokens");
        var browsersRefresh = await FetchAsync(page, "POST", "/me/tokens/refresh");

        Assert.True(appsRefresh.Status == 200, $"The app answered {appsRefresh}:\n{app.Output}");
        Assert.NotEqual(before.RefreshToken, appsRefresh.RefreshToken);
        Assert.Equal(appsRefresh.RefreshToken, after.RefreshToken);
        Assert.Equal(200, browsersRefresh.Status);
        // A grant of its own with the rotated token, not the result AuthApi keeps a minute for callers of the replaced one.
        Assert.NotEqual(appsRefresh.RefreshToken, browsersRefresh.RefreshToken);
    }

    [Fact]
    public async Task TheOldForwardCookiesFromWayLeavesTheBrowserTheReplacedRefreshToken()
    {
        await using var app = await PackageWebAppProcess.StartAsync(stack.ApiUrl, "RequestOnly");
        var page = await LogInAsync();
        var before = await FetchAsync(page, "GET", "/me/tokens");

        await page.GotoAsync(app.Url.ToString());
        var appsRefresh = await FetchAsync(page, "POST", "/refresh");
        await page.GotoAsync(new Uri(stack.ApiUrl, "/healthz").ToString());
        var after = await FetchAsync(page, "GET", "/me/tokens");

        Assert.True(appsRefresh.Status == 200, $"The app answered {appsRefresh}:\n{app.Output}");
        Assert.NotEqual(before.RefreshToken, appsRefresh.RefreshToken);
        // The provider has replaced it: the browser's refresh after AuthApi's one-minute grace ends the session (401 session_ended).
        Assert.Equal(before.RefreshToken, after.RefreshToken);
    }

    /// <summary>Logs Ada in at the development provider; the page is left on AuthApi's origin.</summary>
    private async Task<IPage> LogInAsync()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.ApiUrl, "/login?returnUrl=/healthz").ToString());
        await page.ClickAsync("#user-ada");
        // The landing page, or a callback that answered instead of redirecting: either way the URL tells what happened.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/healthz" or "/oauth2callback");
        Assert.Equal(new Uri(stack.ApiUrl, "/healthz").ToString(), page.Url);
        return page;
    }

    /// <summary>A <c>fetch</c> from the page to its own origin, with <c>X-CSRF: 1</c> unless it is a GET.</summary>
    private static async Task<Answer> FetchAsync(IPage page, string method, string path)
    {
        var answer = await page.EvaluateAsync<JsonElement>(
            """
            async ([method, path]) => {
                const response = await fetch(path, { method, headers: method === "GET" ? {} : { "X-CSRF": "1" } });
                return { status: response.status, body: await response.text() };
            }
            """,
            new[] { method, path });
        return new Answer(answer.GetProperty("status").GetInt32(), answer.GetProperty("body").GetString()!);
    }

    private sealed record Answer(int Status, string Body)
    {
        public string? RefreshToken =>
            Status == 200 && JsonDocument.Parse(Body).RootElement.TryGetProperty("refresh", out var refresh) ? refresh.GetString() : null;
    }
}
