using Microsoft.Net.Http.Headers;

namespace AuthApi.Http;

/// <summary>
/// Headers every answer carries, errors and the framework's own answers included. AuthApi's endpoints never set them, so
/// only an upstream's answer through the proxy can: its own choice passes unchanged.
/// </summary>
internal static class ResponseHeaders
{
    public static IApplicationBuilder UseAuthApiResponseHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                // Every answer is per-user and must never be cached by a browser or proxy.
                SetUnlessPresent(headers, HeaderNames.CacheControl, "no-store");
                // No answer is to be sniffed into another content type or framed by another site (clickjacking).
                SetUnlessPresent(headers, HeaderNames.XContentTypeOptions, "nosniff");
                SetUnlessPresent(headers, HeaderNames.XFrameOptions, "DENY");
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });

    private static void SetUnlessPresent(IHeaderDictionary headers, string name, string value)
    {
        if (!headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }
}
