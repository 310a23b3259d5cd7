using AuthApi.Redis;
using StackExchange.Redis;

namespace AuthApi.Logout;

/// <summary>
/// The <c>jti</c> of every accepted logout token, in Redis until the token expires, so a replayed token is refused on any
/// instance (Back-Channel Logout 1.0 §2.6, step 8).
/// </summary>
internal sealed class UsedLogoutTokens(RedisConnection redis, TimeProvider time)
{
    /// <summary>True the first time a provider's token ID is used; false for every replay until <paramref name="forgetAfter"/>.</summary>
    public async Task<bool> TryUseAsync(string provider, string tokenId, DateTimeOffset forgetAfter) =>
        await redis.Database.StringSetAsync(RedisKeys.LogoutTokenId(provider, tokenId), 1, RedisExpiry.Until(forgetAfter, time), When.NotExists);
}
