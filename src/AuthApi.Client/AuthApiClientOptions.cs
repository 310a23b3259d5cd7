using System.Net;

namespace AuthApi.Client;

/// <summary>How <see cref="AuthApiClientServiceCollectionExtensions.AddAuthApiClient"/> reaches AuthApi and whose session it uses.</summary>
public sealed class AuthApiClientOptions
{
    /// <summary>AuthApi's address, e.g. <c>https://auth.example.com/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Keeps AuthApi's session cookies between calls, like a browser: for a desktop or MAUI app, a script or a test that
    /// logs in through the client. Defaults to null (no cookies kept). Cannot be combined with <see cref="ForwardCookiesFrom"/>.
    /// </summary>
    public CookieContainer? CookieContainer { get; set; }

    /// <summary>The source set by <see cref="ForwardCookiesFrom"/>; null when cookies are not forwarded.</summary>
    internal Func<IServiceProvider, string?>? ForwardedCookieHeader { get; private set; }

    /// <summary>
    /// Sends, with every request, the <c>Cookie</c> header <paramref name="cookieHeader"/> returns: for a server-side app calling
    /// AuthApi as the user of the request it is handling. In ASP.NET Core (Blazor Server during the HTTP request, MVC, Razor Pages):
    /// <c>sp =&gt; sp.GetRequiredService&lt;IHttpContextAccessor&gt;().HttpContext?.Request.Headers.Cookie.ToString()</c>, after
    /// <c>services.AddHttpContextAccessor()</c>.
    /// </summary>
    /// <param name="cookieHeader">
    /// Returns the header to send, or null or empty to send none. It receives the services of the client's handler scope, not of
    /// the request: resolve singletons such as <c>IHttpContextAccessor</c> from it.
    /// </param>
    /// <remarks>Cookies AuthApi sets in its answers are not passed back to the browser.</remarks>
    public void ForwardCookiesFrom(Func<IServiceProvider, string?> cookieHeader)
    {
        ArgumentNullException.ThrowIfNull(cookieHeader);
        ForwardedCookieHeader = cookieHeader;
    }

    /// <summary>Throws when the options cannot work, saying which option to fix.</summary>
    internal void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("AuthApiClientOptions.BaseAddress must be AuthApi's absolute URL, e.g. https://auth.example.com/.");
        }
        if (CookieContainer is not null && ForwardedCookieHeader is not null)
        {
            throw new ArgumentException("Set either AuthApiClientOptions.CookieContainer (the client keeps its own session) or ForwardCookiesFrom (it uses the incoming request's), not both.");
        }
    }
}
