using System.Text;
using System.Text.Json;
using AuthApi.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApi.EndToEndTests;

/// <summary>The development stack with sessions in Redis: a real browser, the real provider, a real redis-server.</summary>
[Collection(RedisStoreCollection.Name)]
public sealed class RedisStoreTests(RedisStoreStack stack, BrowserFixture browsers) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await browsers.Browser.NewContextAsync();

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task AUserWithHundredsOfGroupsLogsInWithOneSmallCookieAndSeesThemAll()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.ApiUrl, "/login").ToString());

        await page.ClickAsync("#user-grace");
        await page.WaitForSelectorAsync("body[data-state=\"logged-in\"]", new() { Timeout = 15_000 });
        var me = JsonDocument.Parse(await page.TextContentAsync("#me") ?? "").RootElement;
        var sessions = JsonDocument.Parse(await page.EvaluateAsync<string>("async () => await (await fetch('/me/sessions')).text()")).RootElement;

        Assert.Equal(301, me.GetProperty("claims").GetProperty("groups").GetArrayLength());
        var cookie = Assert.Single(await _context.CookiesAsync([stack.ApiUrl.ToString()]), cookie => cookie.Name.StartsWith("authapi.", StringComparison.Ordinal));
        Assert.Equal("authapi.session", cookie.Name);
        Assert.InRange(Encoding.UTF8.GetByteCount(cookie.Name + "=" + cookie.Value), 1, 1023);
        Assert.True(Assert.Single(sessions.EnumerateArray()).GetProperty("current").GetBoolean());
    }

    [Fact]
    public Task TheSessionsRequestFileGetsTheAnswersItExpects() =>
        HttpFiles.AssertEveryAnswerAsync(HttpFiles.For(redisStore: true), stack.ApiUrl);
}
