namespace AuthApi.Redis;

/// <summary>Redis expiries from the service's clock, so what Redis drops and what the service refuses agree.</summary>
internal static class RedisExpiry
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    /// <summary>The time left until <paramref name="expiresAt"/>, at least a second (Redis refuses a zero expiry).</summary>
    public static TimeSpan Until(DateTimeOffset expiresAt, TimeProvider time)
    {
        var left = expiresAt - time.GetUtcNow();
        return left > Shortest ? left : Shortest;
    }
}
