using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Infrastructure;

/// <summary>One test's world: a provider, the service configured for it, and a clock the test controls.</summary>
public sealed class TestApp : IAsyncDisposable
{
    public TestApp(
        Action<Dictionary<string, string?>>? configure = null,
        Action<Dictionary<string, object>>? changeMetadata = null,
        string environment = AuthApiFactory.TestingEnvironment)
    {
        Provider = new TestProvider(Time, changeMetadata);
        var settings = AuthApiFactory.DefaultSettings(Provider);
        configure?.Invoke(settings);
        Factory = new AuthApiFactory(Time, settings, environment);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TestProvider Provider { get; }

    public AuthApiFactory Factory { get; }

    /// <summary>A browser: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateBrowser(string baseAddress = "http://localhost") =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });

    /// <summary>A browser whose cookie jar the test can look into.</summary>
    public HttpClient CreateBrowser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return Factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
    }

    /// <summary>A client that sends only the cookies it is given, for tampering with them.</summary>
    public HttpClient CreateBareClient() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Provider.Dispose();
    }
}
