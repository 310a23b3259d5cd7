using StackExchange.Redis;

namespace AuthApi.Redis;

/// <summary>
/// Every key and channel AuthApi uses in Redis, all under <c>authapi:</c> (choose another database to share a Redis). What one
/// script or transaction touches together shares a hash tag (<c>{...}</c>), so a Redis Cluster keeps it in one slot: a
/// session's keys carry its ID as their tag. Everything else is written by single-key commands.
/// </summary>
internal static class RedisKeys
{
    /// <summary>How many keys the active-session index is spread over, so no one shard takes every session's writes.</summary>
    public const int ActiveSessionShards = 16;

    public static readonly RedisKey DataProtectionKeys = "authapi:data-protection-keys";

    public static readonly RedisChannel SessionEnded = RedisChannel.Literal("authapi:session-ended");

    /// <summary>A server-side session: a hash of its encrypted identity and tokens and what <c>/me/sessions</c> lists.</summary>
    public static RedisKey Session(string id) => $"authapi:session:{{{id}}}";

    /// <summary>
    /// Marks a cookie session ended before its time, until it would have expired. Read and written alone, so it needs no hash
    /// tag, and keeps the name it had before tags: a logout made before an upgrade still holds after it.
    /// </summary>
    public static RedisKey Ended(string id) => $"authapi:ended:{id}";

    public static RedisKey RefreshLock(string sessionId) => $"authapi:refresh-lock:{{{sessionId}}}";

    /// <summary>The session's refresh fence: a counter, so a fence is never handed out twice for one session.</summary>
    public static RedisKey RefreshFence(string sessionId) => $"authapi:refresh-fence:{{{sessionId}}}";

    /// <summary>A refresh's result, found by the session and the hash of the refresh token it spent.</summary>
    public static RedisKey RefreshResult(string sessionId, string refreshTokenHash) => $"authapi:refresh-result:{{{sessionId}}}:{refreshTokenHash}";

    /// <summary>
    /// One shard of the server-side sessions' IDs, scored by when each ends (Unix milliseconds of its absolute or idle end):
    /// counting the live ones is a ZCOUNT per shard, never a scan of the keys. Ended and expired IDs are removed, the latter
    /// when counting.
    /// </summary>
    public static RedisKey ActiveSessions(int shard) => $"authapi:active-sessions:{{{shard}}}";

    /// <summary>
    /// The IDs of a user's server-side sessions, scored by when each was created. The issuer is written with its length first:
    /// an issuer and a <c>sub</c> may both hold colons, and no two users may share a key.
    /// </summary>
    public static RedisKey UserSessions(string provider, string issuer, string subject) =>
        $"authapi:sessions-by-user:{provider}:{Issued(issuer, subject)}";

    /// <summary>The IDs of the sessions started by one session at the provider (its issuer's <c>sid</c>), scored as above.</summary>
    public static RedisKey ProviderSessions(string provider, string issuer, string sid) =>
        $"authapi:sessions-by-provider-session:{provider}:{Issued(issuer, sid)}";

    /// <summary>A back-channel logout token's <c>jti</c>, remembered until the token expires.</summary>
    public static RedisKey LogoutTokenId(string provider, string jti) => $"authapi:logout-token:{provider}:{jti}";

    /// <summary>
    /// A client's requests under one rate limit (<c>login</c>, <c>backchannel-logout</c>) in one minute-long window (its number
    /// from the service's clock).
    /// </summary>
    public static RedisKey ClientRate(string limit, string client, long window) => $"authapi:{limit}-rate:{{{client}}}:{window}";

    private static string Issued(string issuer, string value) => $"{issuer.Length}:{issuer}:{value}";
}
