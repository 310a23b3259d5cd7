using AuthApi.Logging;

namespace AuthApi.Http;

/// <summary>The log lines of the request pipeline. None carries a query string, token or cookie value.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 30, EventName = "UnhandledException", Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    public static partial void UnhandledException(this ILogger logger, string method, LogText path, Exception exception);

    [LoggerMessage(EventId = 34, EventName = "SessionStoreUnavailable", Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 session_store_unavailable: Redis did not answer ({Failure})")]
    public static partial void SessionStoreUnavailable(this ILogger logger, string method, LogText path, string failure);

    [LoggerMessage(EventId = 31, EventName = "RequestFinished", Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    public static partial void RequestFinished(this ILogger logger, string method, LogText path, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 32, EventName = "HttpFromUnlistedProxy", Level = LogLevel.Warning, Message = "A request arrived over http from {RemoteAddress} while Auth:RedirectUri is https: if a TLS-terminating proxy sends it, list the proxy's network in Auth:ForwardedHeaders:KnownNetworks so the client's address and scheme are known")]
    public static partial void HttpFromUnlistedProxy(this ILogger logger, string remoteAddress);

    [LoggerMessage(EventId = 33, EventName = "RateLimited", Level = LogLevel.Debug, Message = "Rate limited {Path} for a client IP: over {Setting}")]
    public static partial void RateLimited(this ILogger logger, LogText path, string setting);

    [LoggerMessage(EventId = 72, EventName = "RateLimitPerInstance", Level = LogLevel.Warning, Message = "Redis does not answer the {Limit} rate limit ({Failure}): each instance counts {Setting} on its own until it does")]
    public static partial void RateLimitPerInstance(this ILogger logger, string limit, string failure, string setting);

    [LoggerMessage(EventId = 73, EventName = "RateLimitShared", Level = LogLevel.Information, Message = "Redis answers the {Limit} rate limit again: every instance shares {Setting}")]
    public static partial void RateLimitShared(this ILogger logger, string limit, string setting);
}
