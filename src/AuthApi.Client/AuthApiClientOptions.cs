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
    /// Sends, with every request, the <c>Cookie</c> header <paramref name="cookieHeader"/> returns: for a host that hands the client a
    /// session's cookies and takes care of AuthApi's new ones itself. In ASP.NET Core use <c>ForwardBrowserCookies()</c> of the
    /// <c>AuthApi.Client.AspNetCore</c> package instead, which also passes AuthApi's new cookies back to the browser.
    /// </summary>
    /// <param name="cookieHeader">
    /// Returns the header to send, or null or empty to send none. It receives the services of the client's handler scope, not of
    /// the request: resolve singletons from it.
    /// </param>
    /// <remarks>
    /// Cookies AuthApi sets in its answers are dropped, not passed back. After a refresh (<c>RefreshTokensAsync</c>, or
    /// <c>GetTokensAsync</c> near expiry) the holder of the cookies keeps the refresh token the provider has just replaced: its next
    /// refresh, after AuthApi's one-minute grace, ends the session (401 <see cref="Contracts.ErrorCodes.SessionEnded"/>). Pass every
    /// <c>Set-Cookie</c> of AuthApi's answers back to the holder yourself (e.g. with a <see cref="DelegatingHandler"/> added to the
    /// client's builder), or keep the session in <see cref="CookieContainer"/>.
    /// </remarks>
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
