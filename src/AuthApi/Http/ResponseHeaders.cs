namespace AuthApi.Http;

/// <summary>Headers every answer carries, errors and the framework's own answers included.</summary>
internal static class ResponseHeaders
{
    public static IApplicationBuilder UseAuthApiResponseHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                // Every answer is per-user and must never be cached by a browser or proxy.
                headers.CacheControl = "no-store";
                // No answer is to be sniffed into another content type or framed by another site (clickjacking).
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
