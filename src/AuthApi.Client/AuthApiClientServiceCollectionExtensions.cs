using AuthApi.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace AuthApi.Client;

/// <summary>Registers <see cref="IAuthApi"/> with the HTTP client factory.</summary>
public static class AuthApiClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuthApi"/> (a Refit client) for AuthApi at <see cref="AuthApiClientOptions.BaseAddress"/>. It sends
    /// <c>X-CSRF: 1</c> with state-changing requests, turns Problem Details into <see cref="AuthApiException"/>, does not follow
    /// redirects, reports a connection failure or timeout as <see cref="AuthApiException"/> with
    /// <see cref="ClientErrorCodes.Unreachable"/>, and sends the session cookies from <see cref="AuthApiClientOptions.CookieContainer"/>
    /// or <see cref="AuthApiClientOptions.ForwardCookiesFrom"/> when one is set.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the options; runs once, here.</param>
    /// <returns>
    /// The client's builder: an <see cref="IHttpClientBuilder"/> for more handlers, resilience or another primary handler, and where
    /// <c>ForwardBrowserCookies()</c> of the <c>AuthApi.Client.AspNetCore</c> package plugs in.
    /// </returns>
    /// <exception cref="ArgumentException">The options are incomplete or contradictory; the message names the option.</exception>
    public static AuthApiClientBuilder AddAuthApiClient(this IServiceCollection services, Action<AuthApiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AuthApiClientOptions();
        configure(options);
        options.Validate();

        // The generated client: Refit's source generator builds the requests, so nothing needs the reflection request builder.
        var builder = services
            .AddRefitGeneratedClient<IAuthApi>(CreateSettings(options.BaseAddress!))
            .ConfigureHttpClient(client => client.BaseAddress = options.BaseAddress)
            // GET /login, /oauth2callback and the logout link answer 302 for browsers: the caller sees them, nothing follows them.
            // Cookies are the handlers' job, so the primary handler keeps none of its own.
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
            .AddHttpMessageHandler(() => new AntiForgeryHeaderHandler());
        if (options.CookieContainer is { } cookies)
        {
            builder.AddHttpMessageHandler(() => new CookieContainerHandler(cookies));
        }
        if (options.ForwardedCookieHeader is { } cookieHeader)
        {
            builder.AddHttpMessageHandler(handlerServices => new CookieForwardingHandler(handlerServices, cookieHeader));
        }
        return new AuthApiClientBuilder(builder, hasCookieSource: options.CookieContainer is not null || options.ForwardedCookieHeader is not null);
    }

    private static RefitSettings CreateSettings(Uri baseAddress)
    {
        var settings = RefitSettings.ForJsonContext(AuthApiJsonContext.Default);
        settings.ExceptionFactory = response => ProblemDetailsExceptionFactory.CreateAsync(response, settings);
        settings.TransportExceptionFactory = TransportExceptions.Factory(baseAddress, settings);
        return settings;
    }
}
