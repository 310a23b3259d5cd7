using System.Diagnostics;
using AuthApi.Logging;

namespace AuthApi.Http;

/// <summary>
/// One log line per request with its path but never its query, which carries the callback's code. It stands in
/// for the framework's request log, which prints whole URLs and is held to warnings (<see cref="UrlLoggingFilter"/>).
/// </summary>
internal static class RequestLogging
{
    public static IApplicationBuilder UseAuthApiRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("AuthApi.Requests");
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            await next(context);
            logger.RequestFinished(context.Request.Method, ConcealedPaths.PatternToShow(context) ?? context.Request.Path.Value, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
    }
}
