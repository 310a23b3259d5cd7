using Microsoft.Extensions.DependencyInjection;

namespace AuthApi.Client;

/// <summary>
/// What <see cref="AuthApiClientServiceCollectionExtensions.AddAuthApiClient"/> returns: the <see cref="IAuthApi"/> client's
/// <see cref="IHttpClientBuilder"/> (for resilience handlers, timeouts or another primary handler), and the place where packages
/// such as <c>AuthApi.Client.AspNetCore</c> (<c>ForwardBrowserCookies()</c>) plug in the way the session's cookies travel.
/// </summary>
public sealed class AuthApiClientBuilder : IHttpClientBuilder
{
    private readonly IHttpClientBuilder _httpClient;
    private bool _hasCookieSource;

    internal AuthApiClientBuilder(IHttpClientBuilder httpClient, bool hasCookieSource)
    {
        _httpClient = httpClient;
        _hasCookieSource = hasCookieSource;
    }

    /// <summary>The name of the client's <see cref="HttpClient"/> in the HTTP client factory.</summary>
    public string Name => _httpClient.Name;

    /// <summary>The app's services.</summary>
    public IServiceCollection Services => _httpClient.Services;

    /// <summary>
    /// Adds the handler that carries the session's cookies to AuthApi and back, for a package that does it its own way (as
    /// <c>ForwardBrowserCookies()</c> of <c>AuthApi.Client.AspNetCore</c> does). A client has one cookie source.
    /// </summary>
    /// <param name="createHandler">Creates the handler from the services of the handler's scope (handlers are pooled: resolve no per-request service here).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">
    /// <see cref="AuthApiClientOptions.CookieContainer"/> or <see cref="AuthApiClientOptions.ForwardCookiesFrom"/> is set, or a
    /// cookie handler was already added.
    /// </exception>
    public AuthApiClientBuilder AddCookieHandler(Func<IServiceProvider, DelegatingHandler> createHandler)
    {
        ArgumentNullException.ThrowIfNull(createHandler);
        if (_hasCookieSource)
        {
            throw new InvalidOperationException(
                "This AuthApi client already has a cookie source (AuthApiClientOptions.CookieContainer, ForwardCookiesFrom or a cookie handler): keep one.");
        }
        _hasCookieSource = true;
        _httpClient.AddHttpMessageHandler(createHandler);
        return this;
    }
}
