using AuthApi.Client;
using AuthApi.Contracts;

namespace AuthApi.Tests.Client;

/// <summary>Whose session the client uses: its own cookie jar, or the cookies of the request a server is handling.</summary>
public sealed class ClientCookieTests
{
    [Fact]
    public async Task ForwardedCookiesMakeTheClientActAsTheBrowsersUser()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser(out var browserCookies);
        await app.LoginAsync(browser);
        var incoming = new IncomingRequest();
        using var client = new ClientUnderTest(app,
            options => options.ForwardCookiesFrom(services => services.GetRequiredService<IncomingRequest>().CookieHeader),
            services => services.AddSingleton(incoming));

        incoming.CookieHeader = browserCookies.GetCookieHeader(ClientUnderTest.BaseAddress);
        var loggedIn = await client.Api.GetMeAsync();
        incoming.CookieHeader = null;
        var anonymous = await client.Api.GetMeAsync();

        Assert.Equal("user-1", loggedIn.Sub);
        Assert.False(anonymous.IsLoggedIn);
    }

    [Fact]
    public async Task WithoutACookieSourceALoginCannotComplete()
    {
        await using var app = new TestApp();
        using var client = new ClientUnderTest(app);

        // The login's correlation cookie is not kept, so the callback cannot find the login.
        using var callback = await client.Api.StartAndCompleteLoginAsync(app);
        var me = await client.Api.GetMeAsync();

        Assert.Equal("/?auth_error=login_expired", callback.Headers.Location!.OriginalString);
        Assert.False(me.IsLoggedIn);
    }

    [Fact]
    public void RegistrationWithoutBaseAddressFailsNamingTheOption()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddAuthApiClient(_ => { }));

        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistrationWithBothCookieSourcesFails()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddAuthApiClient(options =>
        {
            options.BaseAddress = ClientUnderTest.BaseAddress;
            options.CookieContainer = new CookieContainer();
            options.ForwardCookiesFrom(_ => "a=b");
        }));

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Stands in for <c>IHttpContextAccessor</c>: a singleton that knows the request being handled.</summary>
    private sealed class IncomingRequest
    {
        public string? CookieHeader { get; set; }
    }
}
