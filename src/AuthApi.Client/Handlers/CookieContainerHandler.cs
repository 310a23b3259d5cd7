using System.Net;

namespace AuthApi.Client;

/// <summary>
/// Keeps AuthApi's cookies in a <see cref="CookieContainer"/> the way a browser does: sends the ones that match each
/// request and stores every <c>Set-Cookie</c>. A handler of its own so it works over any primary handler (a test server's too).
/// </summary>
internal sealed class CookieContainerHandler(CookieContainer cookies) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        var cookieHeader = cookies.GetCookieHeader(url);
        if (cookieHeader.Length > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                cookies.SetCookies(url, setCookie);
            }
        }
        return response;
    }
}
