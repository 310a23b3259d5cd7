using System.Text.Json;
using System.Text.RegularExpressions;
using AuthApi.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AuthApi.EndToEndTests;

/// <summary>A real browser on the demo page, logging in at the real development provider.</summary>
[Collection(StackCollection.Name)]
public sealed partial class BrowserLoginTests(RunningStack stack, BrowserFixture browsers, ITestOutputHelper output) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await browsers.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task LogInSeeTheUserAndTokensThenLogOutAtTheProvider()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(stack.ApiUrl.ToString());
        await WaitForStateAsync(page, "logged-out");

        await page.ClickAsync("#login-dev");
        await page.ClickAsync("#user-ada");
        await WaitForStateAsync(page, "logged-in");
        var me = JsonDocument.Parse(await page.TextContentAsync("#me") ?? "").RootElement;
        var tokens = JsonDocument.Parse(await page.TextContentAsync("#tokens") ?? "").RootElement;
        var idle = await page.TextContentAsync("#idle-expiry");
        var userName = await page.TextContentAsync("#user-name");
        await SaveScreenshotAsync(page, "demo-logged-in.png");

        await page.ClickAsync("#logout");
        await WaitForStateAsync(page, "logged-out");

        Assert.Equal("Ada Lovelace", userName);
        Assert.Equal("ada", me.GetProperty("sub").GetString());
        Assert.Equal(3, tokens.GetProperty("id").GetString()!.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("access").GetString()));
        Assert.Matches(CountdownPattern(), idle);
        Assert.Equal(stack.ApiUrl.ToString(), page.Url);
    }

    [Fact]
    public async Task TwoTabsStartingLoginsAtOnceBothFinish()
    {
        var first = await _context.NewPageAsync();
        var second = await _context.NewPageAsync();
        await first.GotoAsync(new Uri(stack.ApiUrl, "/login?returnUrl=/%3Ftab%3D1").ToString());
        await second.GotoAsync(new Uri(stack.ApiUrl, "/login?returnUrl=/%3Ftab%3D2").ToString());

        await second.ClickAsync("#user-grace");
        await WaitForStateAsync(second, "logged-in");
        await first.ClickAsync("#user-ada");
        await WaitForStateAsync(first, "logged-in");

        Assert.EndsWith("/?tab=2", second.Url);
        Assert.EndsWith("/?tab=1", first.Url);
        Assert.Empty(await first.Locator("#auth-error:visible").AllAsync());
        Assert.Equal("Ada Lovelace", await first.TextContentAsync("#user-name"));
    }

    [Fact]
    public async Task GoingBackToAUsedCallbackCreatesNoSessionAndSaysTheLoginExpired()
    {
        var page = await _context.NewPageAsync();
        string? callbackUrl = null;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/oauth2callback?code=", StringComparison.Ordinal))
            {
                callbackUrl = request.Url;
            }
        };
        await page.GotoAsync(new Uri(stack.ApiUrl, "/login").ToString());
        await page.ClickAsync("#user-ada");
        await WaitForStateAsync(page, "logged-in");
        await page.ClickAsync("#logout");
        await WaitForStateAsync(page, "logged-out");

        var replay = await page.GotoAsync(callbackUrl!);
        await WaitForStateAsync(page, "logged-out");

        Assert.Contains("auth_error=login_expired", replay!.Url);
        Assert.Contains("expired", await page.TextContentAsync("#auth-error"), StringComparison.OrdinalIgnoreCase);
        var me = await page.APIRequest.GetAsync(new Uri(stack.ApiUrl, "/me").ToString());
        Assert.False((await me.JsonAsync())!.Value.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task AUserWithHundredsOfGroupsLogsInAndSeesThemAll()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.ApiUrl, "/login").ToString());

        await page.ClickAsync("#user-grace");
        await WaitForStateAsync(page, "logged-in");
        var me = JsonDocument.Parse(await page.TextContentAsync("#me") ?? "").RootElement;

        var groups = me.GetProperty("claims").GetProperty("groups").EnumerateArray().Select(group => group.GetString()).ToList();
        Assert.Equal(301, groups.Count);
        Assert.Contains(groups, group => group!.StartsWith("group-300-", StringComparison.Ordinal));
        var cookies = await _context.CookiesAsync([stack.ApiUrl.ToString()]);
        Assert.Contains(cookies, cookie => cookie.Name == "authapi.sessionC2");
    }

    private static Task WaitForStateAsync(IPage page, string state) =>
        page.WaitForSelectorAsync($"body[data-state=\"{state}\"]", new() { Timeout = 15_000 });

    private async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", fileName);
        await page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }

    [GeneratedRegex(@"^\d+:\d\d")]
    private static partial Regex CountdownPattern();
}
