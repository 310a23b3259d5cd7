using StackExchange.Redis;

namespace AuthApi.Redis;

/// <summary>Every key and channel AuthApi uses in Redis, all under <c>authapi:</c> (choose another database to share a Redis).</summary>
internal static class RedisKeys
{
    public static readonly RedisKey DataProtectionKeys = "authapi:data-protection-keys";

    /// <summary>The refresh lock's fence: one counter for every session, so a fence is never handed out twice.</summary>
    public static readonly RedisKey RefreshFence = "authapi:refresh-fence";

    public static readonly RedisChannel SessionEnded = RedisChannel.Literal("authapi:session-ended");

    /// <summary>
    /// Every server-side session's ID, scored by when it ends (Unix milliseconds of its absolute or idle end): counting the live
    /// ones is one ZCOUNT, never a scan of the keys. No expiry: ended and expired IDs are removed, the latter when counting.
    /// </summary>
    public static readonly RedisKey ActiveSessions = "authapi:active-sessions";

    /// <summary>A server-side session: a hash of its encrypted identity and tokens and what <c>/me/sessions</c> lists.</summary>
    public static RedisKey Session(string id) => $"authapi:session:{id}";

    /// <summary>The IDs of a user's server-side sessions (provider and <c>sub</c>).</summary>
    public static RedisKey UserSessions(string provider, string subject) => $"authapi:user-sessions:{provider}:{subject}";

    /// <summary>The IDs of the sessions started by one session at the provider (the ID token's <c>sid</c>).</summary>
    public static RedisKey ProviderSessions(string provider, string sid) => $"authapi:provider-sessions:{provider}:{sid}";

    /// <summary>Marks a cookie session ended before its time, until it would have expired.</summary>
    public static RedisKey Ended(string id) => $"authapi:ended:{id}";

    public static RedisKey RefreshLock(string sessionId) => $"authapi:refresh-lock:{sessionId}";

    /// <summary>A refresh's result, found by the session and the hash of the refresh token it spent.</summary>
    public static RedisKey RefreshResult(string sessionId, string refreshTokenHash) => $"authapi:refresh-result:{sessionId}:{refreshTokenHash}";

    /// <summary>A back-channel logout token's <c>jti</c>, remembered until the token expires.</summary>
    public static RedisKey LogoutTokenId(string provider, string jti) => $"authapi:logout-token:{provider}:{jti}";

    /// <summary>A client address's requests to the login routes in one minute-long window (its number from the service's clock).</summary>
    public static RedisKey LoginRate(string clientIp, long window) => $"authapi:login-rate:{{{clientIp}}}:{window}";
}
