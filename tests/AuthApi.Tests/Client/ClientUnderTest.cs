using AuthApi.Client;
using AuthApi.Contracts;

namespace AuthApi.Tests.Client;

/// <summary>
/// <see cref="IAuthApi"/> registered as an app registers it (<c>AddAuthApiClient</c>), over the in-memory service instead of the network.
/// </summary>
public sealed class ClientUnderTest : IDisposable
{
    public static readonly Uri BaseAddress = new("http://localhost");

    private readonly ServiceProvider _services;

    /// <param name="primaryHandler">Answers instead of the in-memory service.</param>
    /// <param name="build">Continues the registration, as <c>.ForwardBrowserCookies()</c> does.</param>
    public ClientUnderTest(
        TestApp app,
        Action<AuthApiClientOptions>? configure = null,
        Action<IServiceCollection>? addServices = null,
        Func<HttpMessageHandler>? primaryHandler = null,
        Action<AuthApiClientBuilder>? build = null)
    {
        var services = new ServiceCollection();
        addServices?.Invoke(services);
        var client = services.AddAuthApiClient(options =>
        {
            options.BaseAddress = BaseAddress;
            configure?.Invoke(options);
        });
        build?.Invoke(client);
        client.ConfigurePrimaryHttpMessageHandler(primaryHandler ?? (() => app.Factory.Server.CreateHandler()));
        _services = services.BuildServiceProvider();
        Api = _services.GetRequiredService<IAuthApi>();
    }

    public IAuthApi Api { get; }

    public IServiceProvider Services => _services;

    /// <summary>A client that keeps its own session cookies, like a browser.</summary>
    public static ClientUnderTest WithCookies(TestApp app, out CookieContainer cookies)
    {
        var container = new CookieContainer();
        cookies = container;
        return new ClientUnderTest(app, options => options.CookieContainer = container);
    }

    public void Dispose() => _services.Dispose();
}
