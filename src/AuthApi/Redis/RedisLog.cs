namespace AuthApi.Redis;

/// <summary>The log lines of the Redis connection. None carries the connection string, which may hold a password.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 70, EventName = "RedisConnectionFailed", Level = LogLevel.Warning, Message = "Redis at {EndPoint} is unreachable ({Failure}); sessions answer 503 session_store_unavailable until it is back")]
    public static partial void RedisConnectionFailed(this ILogger logger, string endPoint, string failure);

    [LoggerMessage(EventId = 71, EventName = "RedisConnectionRestored", Level = LogLevel.Information, Message = "Redis at {EndPoint} is reachable again")]
    public static partial void RedisConnectionRestored(this ILogger logger, string endPoint);

    [LoggerMessage(EventId = 76, EventName = "RedisSentinelPrimary", Level = LogLevel.Information, Message = "Redis Sentinel names {EndPoint} as the primary of {ServiceName}: commands go there")]
    public static partial void RedisSentinelPrimary(this ILogger logger, string endPoint, string serviceName);

    [LoggerMessage(EventId = 77, EventName = "RedisSentinelUnreachable", Level = LogLevel.Warning, Message = "Redis Sentinel at {EndPoint} is unreachable ({Failure}); the primary it named last is used meanwhile")]
    public static partial void RedisSentinelUnreachable(this ILogger logger, string endPoint, string failure);
}
