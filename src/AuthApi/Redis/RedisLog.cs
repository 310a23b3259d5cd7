namespace AuthApi.Redis;

/// <summary>The log lines of the Redis connection. None carries the connection string, which may hold a password.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 70, EventName = "RedisConnectionFailed", Level = LogLevel.Warning, Message = "Redis at {EndPoint} is unreachable ({Failure}); sessions answer 503 session_store_unavailable until it is back")]
    public static partial void RedisConnectionFailed(this ILogger logger, string endPoint, string failure);

    [LoggerMessage(EventId = 71, EventName = "RedisConnectionRestored", Level = LogLevel.Information, Message = "Redis at {EndPoint} is reachable again")]
    public static partial void RedisConnectionRestored(this ILogger logger, string endPoint);
}
