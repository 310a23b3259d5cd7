using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AuthApi.Client;

/// <summary>
/// Sends the current request's cookies to AuthApi and passes every cookie AuthApi sets back to the current response: a server-side
/// app calls AuthApi as its browser, and the browser keeps the session AuthApi rewrote (e.g. a rotated refresh token).
/// Only this client's answers are passed back, and nothing but the cookies goes either way.
/// </summary>
/// <param name="httpContextAccessor">The current request; the handler itself is pooled across requests.</param>
/// <param name="time">Tells expired cookies (deletions) from new ones.</param>
internal sealed class BrowserCookieHandler(IHttpContextAccessor httpContextAccessor, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = httpContextAccessor.HttpContext;
        var cookies = context is null ? null : BrowserCookies.Of(context);
        request.Headers.Remove(HeaderNames.Cookie);
        if (cookies?.Header is { Length: > 0 } header)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.Cookie, header);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.Headers.TryGetValues(HeaderNames.SetCookie, out var values))
        {
            return response;
        }
        var setCookies = values.ToList();
        if (context is null || context.Response.HasStarted)
        {
            response.Dispose();
            throw new InvalidOperationException(context is null ? OutsideRequest(request) : ResponseStarted(request));
        }
        cookies!.PassBack(context.Response, setCookies, time.GetUtcNow());
        return response;
    }

    // The path only: a query may hold a login's code or state.
    private static string Call(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";

    private static string OutsideRequest(HttpRequestMessage request) =>
        $"AuthApi answered {Call(request)} with session cookies, but the call was made outside an HTTP request, so there is no browser to "
        + "pass them to. With ForwardBrowserCookies, call IAuthApi while handling the browser's request (not from a background service "
        + "or an interactive Blazor circuit).";

    private static string ResponseStarted(HttpRequestMessage request) =>
        $"AuthApi answered {Call(request)} with new session cookies after the response to the browser had started, so they cannot be passed "
        + "back and the browser would lose its session (e.g. a rotated refresh token). Call IAuthApi before the response starts: before "
        + "writing to or flushing the body (in MVC and Razor Pages, in the action or handler, not in the view).";
}
