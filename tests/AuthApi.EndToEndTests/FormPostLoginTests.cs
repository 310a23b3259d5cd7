using System.Collections.Concurrent;
using AuthApi.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApi.EndToEndTests;

/// <summary>
/// A real browser logging in at the real development provider with <c>ResponseMode=form_post</c>: the provider's page posts
/// the answer cross-site, which only a <c>SameSite=None; Secure</c> login cookie survives.
/// </summary>
[Collection(FormPostCollection.Name)]
public sealed class FormPostLoginTests(FormPostStack stack, BrowserFixture browsers) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await browsers.Browser.NewContextAsync();

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task TheProviderPostsTheAnswerAndTheUserIsLoggedIn()
    {
        var page = await _context.NewPageAsync();
        var requests = new ConcurrentQueue<IRequest>();
        page.Request += (_, request) => requests.Enqueue(request);
        await page.GotoAsync(new Uri(stack.ApiUrl, "/login?returnUrl=/%3Fvia%3Dform_post").ToString());

        await page.ClickAsync("#user-ada");
        await page.WaitForSelectorAsync("body[data-state=\"logged-in\"]", new() { Timeout = 15_000 });
        var me = (await (await page.APIRequest.GetAsync(new Uri(stack.ApiUrl, "/me").ToString())).JsonAsync())!.Value;

        var authorize = requests.First(request => request.Url.StartsWith(new Uri(stack.ProviderUrl, "/connect/authorize").ToString(), StringComparison.Ordinal));
        Assert.Contains("response_mode=form_post", authorize.Url, StringComparison.Ordinal);
        var callback = Assert.Single(requests, request => new Uri(request.Url).AbsolutePath == "/oauth2callback");
        Assert.Equal("POST", callback.Method);
        Assert.DoesNotContain("code=", new Uri(callback.Url).Query, StringComparison.Ordinal);
        Assert.Contains("code=", callback.PostData, StringComparison.Ordinal);
        Assert.EndsWith("/?via=form_post", page.Url, StringComparison.Ordinal);
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal("ada", me.GetProperty("sub").GetString());
        Assert.DoesNotContain(await _context.CookiesAsync([stack.ApiUrl.ToString()]), cookie => cookie.Name.StartsWith("authapi.login.", StringComparison.Ordinal));
    }
}
