using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>
/// The development provider's login page and its shortcuts, through AuthApi: <c>login_hint</c> signs a seeded user in
/// without the page (what API tools need), <c>prompt=none</c> and Deny send the browser back with the provider's error.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DevelopmentProviderTests(RunningStack stack, BrowserFixture browsers)
{
    [Theory]
    [InlineData("ada", "ada")]
    [InlineData("Grace@Example.com", "grace")]
    public async Task ALoginHintNamingASeededUserLogsThemInWithoutThePage(string hint, string subject)
    {
        using var client = CookieKeepingClient();

        var login = await client.GetAsync($"/login?provider=dev&returnUrl=/&login_hint={Uri.EscapeDataString(hint)}");
        var me = await client.GetFromJsonAsync<JsonElement>("/me");

        Assert.Equal(new Uri(stack.ApiUrl, "/"), login.RequestMessage!.RequestUri);
        Assert.Equal(subject, me.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("login_hint=nobody")]
    [InlineData("login_hint=ada&prompt=login")]
    [InlineData("login_hint=ada&prompt=select_account")]
    public async Task AnUnknownHintOrAPromptForThePageShowsThePage(string query)
    {
        using var client = CookieKeepingClient();

        var login = await client.GetAsync($"/login?{query}");
        var page = await login.Content.ReadAsStringAsync();
        var me = await client.GetFromJsonAsync<JsonElement>("/me");

        Assert.StartsWith(new Uri(stack.ProviderUrl, "/connect/authorize").ToString(), login.RequestMessage!.RequestUri!.ToString());
        Assert.Contains("id=\"user-ada\"", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", page, StringComparison.Ordinal);
        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task PromptNoneWithNobodySignedInAtTheProviderEndsWithLoginRequired()
    {
        using var client = CookieKeepingClient();

        var login = await client.GetAsync("/login?provider=dev&returnUrl=/welcome&prompt=none");
        var me = await client.GetFromJsonAsync<JsonElement>("/me");

        Assert.Equal("/welcome?auth_error=provider_error&auth_error_detail=login_required", login.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    [Fact]
    public async Task DenyOnThePageEndsAtTheReturnUrlWithAccessDenied()
    {
        await using var context = await browsers.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.ApiUrl, "/login?returnUrl=/%3Ffrom%3Ddeny").ToString());

        await page.ClickAsync("#deny");
        // The demo page shows ?auth_error=...&auth_error_detail=... as text, then takes them out of the address.
        var error = page.Locator("#auth-error");
        await error.WaitForAsync();
        var me = await context.APIRequest.GetAsync(new Uri(stack.ApiUrl, "/me").ToString());

        Assert.Contains("(provider_error: access_denied)", await error.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(new Uri(stack.ApiUrl, "/?from=deny").ToString(), page.Url);
        Assert.Contains("\"isLoggedIn\":false", await me.TextAsync(), StringComparison.Ordinal);
    }

    private HttpClient CookieKeepingClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = stack.ApiUrl };
}
