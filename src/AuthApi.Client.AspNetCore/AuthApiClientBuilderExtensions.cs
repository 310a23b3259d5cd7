using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApi.Client;

/// <summary>ASP.NET Core's way for <see cref="IAuthApi"/> to use the session of the browser whose request is being handled.</summary>
public static class AuthApiClientBuilderExtensions
{
    /// <summary>
    /// Calls AuthApi as the browser of the current request: sends that request's cookies, and appends every <c>Set-Cookie</c> of
    /// AuthApi's answer to the current response, so the browser keeps the session AuthApi rewrote (a rotated refresh token after
    /// <c>RefreshTokensAsync</c>, a slid idle window, a login cookie, a logout's deletions). Later calls in the same request send
    /// the updated cookies. Adds <see cref="IHttpContextAccessor"/>.
    /// </summary>
    /// <param name="builder">What <see cref="AuthApiClientServiceCollectionExtensions.AddAuthApiClient"/> returned.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// The browser must send AuthApi's cookies to this app: both on one host (one origin behind a reverse proxy, or two ports of a
    /// host), since AuthApi's cookies are host-only. A call whose answer sets cookies throws <see cref="InvalidOperationException"/>
    /// when the response to the browser has already started, or outside an HTTP request, instead of losing them.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The client already has a cookie source (<see cref="AuthApiClientOptions.CookieContainer"/> or <see cref="AuthApiClientOptions.ForwardCookiesFrom"/>).</exception>
    public static AuthApiClientBuilder ForwardBrowserCookies(this AuthApiClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        return builder.AddCookieHandler(services => new BrowserCookieHandler(
            services.GetRequiredService<IHttpContextAccessor>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System));
    }
}
