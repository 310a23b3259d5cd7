using StackExchange.Redis;

namespace AuthApi.Redis;

/// <summary>Recognises Redis being away (refused, timed out, loading, read-only), also wrapped inside another exception.</summary>
internal static class RedisFailure
{
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisException or RedisTimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}
