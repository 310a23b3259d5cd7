namespace AuthApi.Tests.Login;

/// <summary>
/// Return URLs through real Kestrel, which (unlike the in-memory TestServer) refuses non-ASCII
/// response header values: a return URL that /login accepts must not fail the callback's redirect.
/// </summary>
public sealed class ReturnUrlOnKestrelTests
{
    [Fact]
    public async Task CallbackToAnAcceptedNonAsciiReturnUrlRedirectsThereWithASession()
    {
        await using var app = new TestApp();
        using var browser = app.StartOnKestrel();

        var login = await browser.GetAsync("/login?returnUrl=" + Uri.EscapeDataString("/café"));
        var callback = await app.CompleteLoginAsync(browser, login.Headers.Location!);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/café", Uri.UnescapeDataString(callback.Headers.Location!.OriginalString));
        Assert.Contains("authapi.session", callback.CookiesWritten());
    }
}
