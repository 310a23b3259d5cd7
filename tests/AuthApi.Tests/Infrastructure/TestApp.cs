using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Infrastructure;

/// <summary>One test's world: a provider, the service configured for it, and a clock the test controls.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly List<AuthApiFactory> _otherInstances = [];

    public TestApp(
        Action<Dictionary<string, string?>>? configure = null,
        Action<Dictionary<string, object>>? changeMetadata = null,
        string environment = AuthApiFactory.TestingEnvironment)
        : this((_, settings) => configure?.Invoke(settings), changeMetadata, environment)
    {
    }

    /// <summary>A world whose settings depend on its provider (its URL, a document it serves): <paramref name="configure"/> sees both.</summary>
    public TestApp(
        Action<TestProvider, Dictionary<string, string?>> configure,
        Action<Dictionary<string, object>>? changeMetadata = null,
        string environment = AuthApiFactory.TestingEnvironment)
    {
        Provider = new TestProvider(Time, changeMetadata);
        _settings = AuthApiFactory.DefaultSettings(Provider);
        configure(Provider, _settings);
        _environment = environment;
        Factory = new AuthApiFactory(Time, _settings, environment);
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

    /// <summary>
    /// Another instance of the service with the same configuration, provider and clock, as a second replica behind a load
    /// balancer (it shares state with the first only through what the configuration names, e.g. Auth:Redis);
    /// <paramref name="change"/> may set what differs between replicas, such as the Redis node each starts from.
    /// </summary>
    public AuthApiFactory AddInstance(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>(_settings);
        change?.Invoke(settings);
        var instance = new AuthApiFactory(Time, settings, _environment);
        _otherInstances.Add(instance);
        return instance;
    }

    /// <summary>A browser of the given instance that keeps its cookies in <paramref name="cookies"/>, which browsers of other instances may share.</summary>
    public static HttpClient CreateBrowser(AuthApiFactory instance, CookieContainer cookies) =>
        instance.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _otherInstances)
        {
            await instance.DisposeAsync();
        }
        await Factory.DisposeAsync();
        Provider.Dispose();
    }
}
