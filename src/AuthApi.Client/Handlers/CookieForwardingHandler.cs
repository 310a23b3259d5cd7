namespace AuthApi.Client;

/// <summary>
/// Sends the <c>Cookie</c> header a delegate returns, typically the incoming browser request's, so a server-side app
/// (Blazor Server, an MVC backend) calls AuthApi as its current user.
/// </summary>
/// <param name="services">The services of the handler's scope, passed to the delegate.</param>
/// <param name="cookieHeader">Returns the <c>Cookie</c> header to send, or null or empty to send none.</param>
internal sealed class CookieForwardingHandler(IServiceProvider services, Func<IServiceProvider, string?> cookieHeader) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = cookieHeader(services);
        if (!string.IsNullOrEmpty(header))
        {
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie", header);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
