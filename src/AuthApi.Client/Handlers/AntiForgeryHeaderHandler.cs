using AuthApi.Contracts;

namespace AuthApi.Client;

/// <summary>Adds <c>X-CSRF: 1</c> to every state-changing request, as AuthApi requires of <c>POST</c>, <c>PUT</c>, <c>PATCH</c> and <c>DELETE</c>.</summary>
internal sealed class AntiForgeryHeaderHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsSafe(request.Method) && !request.Headers.Contains(AntiForgeryHeader.Name))
        {
            request.Headers.Add(AntiForgeryHeader.Name, AntiForgeryHeader.Value);
        }
        return base.SendAsync(request, cancellationToken);
    }

    // RFC 9110 §9.2.1: the methods that change nothing, which AuthApi never guards.
    private static bool IsSafe(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Trace;
}
