using AuthApi.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApi.EndToEndTests;

/// <summary><c>/swagger</c> in a real browser: "Try it out" works against the service the page came from.</summary>
[Collection(StackCollection.Name)]
public sealed class SwaggerUiTryItOutTests(RunningStack stack, BrowserFixture browsers)
{
    [Fact]
    public async Task TryingOutLoginShowsTheAuthorizationUrlInsteadOfFollowingTheRedirect()
    {
        await using var context = await browsers.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.ApiUrl, "/swagger/index.html").ToString());

        var login = page.Locator("#operations-Login-StartLogin");
        await login.Locator(".opblock-summary").ClickAsync();
        await login.Locator(".try-out__btn").ClickAsync();
        await login.Locator(".execute").ClickAsync();
        var answer = login.Locator(".live-responses-table .response");
        await answer.WaitForAsync();

        Assert.Equal("200", (await answer.Locator(".response-col_status").TextContentAsync())?.Trim());
        var body = await answer.Locator(".response-col_description").TextContentAsync() ?? "";
        Assert.Contains("authorizationUrl", body, StringComparison.Ordinal);
        Assert.Contains(new Uri(stack.ProviderUrl, "/connect/authorize").ToString(), body, StringComparison.Ordinal);
    }
}
