namespace AuthApi.Tests.Endpoints;

public sealed class HappyPathTests
{
    [Fact]
    public async Task LoginCallbackMeAndLogoutWork()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);

        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
    }
}
