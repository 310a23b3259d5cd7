using AuthApi.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace AuthApi.Proxy;

/// <summary>The log lines of the API proxy. None carries a token, a cookie or a destination URL.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 80, EventName = "ProxyRefused", Level = LogLevel.Debug, Message = "Proxy route {Route} refused a request: {ErrorCode}")]
    public static partial void ProxyRefused(this ILogger logger, string route, string errorCode);

    [LoggerMessage(EventId = 81, EventName = "UpstreamFailed", Level = LogLevel.Warning, Message = "Proxy route {Route} could not get an answer from its upstream: {Error} ({ExceptionType})")]
    public static partial void UpstreamFailed(this ILogger logger, string route, ForwarderError error, string? exceptionType);

    [LoggerMessage(EventId = 82, EventName = "UpstreamCookieDropped", Level = LogLevel.Warning, Message = "Proxy route {Route}: the upstream set the cookie {CookieName}, which only AuthApi writes; it was not passed on")]
    public static partial void UpstreamCookieDropped(this ILogger logger, string route, LogText cookieName);

    [LoggerMessage(EventId = 83, EventName = "ProxyPathRefused", Level = LogLevel.Warning, Message = "Proxy route {Route} refused a path holding {Defect}, which an upstream could resolve outside the route's destination: 400 invalid_path")]
    public static partial void ProxyPathRefused(this ILogger logger, string route, string defect);
}
