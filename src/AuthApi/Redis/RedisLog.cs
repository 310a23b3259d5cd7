namespace AuthApi.Redis;

/// <summary>The log lines of the Redis connection. None carries the connection string, which may hold a password.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 70, EventName = "RedisConnectionFailed", Level = LogLevel.Warning, Message = "Redis at {EndPoint} is unreachable ({Failure}); sessions answer 503 session_store_unavailable until it is back")]
    public static partial void RedisConnectionFailed(this ILogger logger, string endPoint, string failure);

    [LoggerMessage(EventId = 71, EventName = "RedisConnectionRestored", Level = LogLevel.Information, Message = "Redis at {EndPoint} is reachable again")]
    public static partial void RedisConnectionRestored(this ILogger logger, string endPoint);

    [LoggerMessage(EventId = 74, EventName = "RedisCertificateNotTrusted", Level = LogLevel.Error, Message = "Redis at {EndPoint} presented a TLS certificate not trusted for {TlsHost} ({PolicyErrors}; chain: {ChainStatus}); sessions answer 503 session_store_unavailable until it is: for a private CA set Auth:RedisTrustedCaPath to the PEM file of the CA that signed it; if the certificate names another host, set sslHost= in Auth:Redis to that name")]
    public static partial void RedisCertificateNotTrusted(this ILogger logger, string endPoint, string tlsHost, string policyErrors, string chainStatus);

    [LoggerMessage(EventId = 75, EventName = "RedisCredentialsRefused", Level = LogLevel.Error, Message = "Redis at {EndPoint} refused the user and password in Auth:Redis; sessions answer 503 session_store_unavailable until it accepts them: check user= and password=, and that the ACL user is on")]
    public static partial void RedisCredentialsRefused(this ILogger logger, string endPoint);

    [LoggerMessage(EventId = 78, EventName = "SessionEndingNotPublished", Level = LogLevel.Warning, Message = "A session ended, but Redis did not pass the news to the other instances ({Failure}); they stop serving it from their cache within {CacheLifetime}")]
    public static partial void SessionEndingNotPublished(this ILogger logger, string failure, TimeSpan cacheLifetime);

    [LoggerMessage(EventId = 76, EventName = "RedisSentinelPrimary", Level = LogLevel.Information, Message = "Redis Sentinel names {EndPoint} as the primary of {ServiceName}: commands go there")]
    public static partial void RedisSentinelPrimary(this ILogger logger, string endPoint, string serviceName);

    [LoggerMessage(EventId = 77, EventName = "RedisSentinelUnreachable", Level = LogLevel.Warning, Message = "Redis Sentinel at {EndPoint} is unreachable ({Failure}); the primary it named last is used meanwhile")]
    public static partial void RedisSentinelUnreachable(this ILogger logger, string endPoint, string failure);
}
