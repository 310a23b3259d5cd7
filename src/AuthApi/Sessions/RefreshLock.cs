using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Sessions;

/// <summary>
/// One refresh grant per session across every instance (<c>Auth:Redis</c>). The instance that takes the session's lock
/// refreshes and leaves the result in Redis for a minute, found by the hash of the refresh token it spent; the others wait
/// for that result instead of spending the token again (a provider that rotates refresh tokens would refuse the second use
/// and end the session). The lock's value is a fence from the session's own counter: a holder whose lock ran out cannot
/// publish. The lock, the counter and the results carry the session's hash tag, so a Redis Cluster keeps them in one slot.
/// </summary>
internal sealed class RefreshLock(RedisConnection redis, IDataProtectionProvider dataProtection, IOptions<AuthOptions> options)
{
    private const string ResultPurpose = "AuthApi.Session.RefreshResult.v1";
    private static readonly TimeSpan ResultKeptFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    // Returns the fence, or 0 when another holds the lock. The counter outlives any session it counts for (fenceLifetime).
    private static readonly LuaScript Acquire = LuaScript.Prepare("""
        if redis.call('exists', @lockKey) == 1 then return 0 end
        local fence = redis.call('incr', @fenceKey)
        redis.call('pexpire', @fenceKey, @fenceLifetime)
        redis.call('set', @lockKey, fence, 'PX', @lifetime)
        return fence
        """);

    // Publishes the result and releases the lock, only while the lock is still this holder's.
    private static readonly LuaScript Finish = LuaScript.Prepare("""
        if redis.call('get', @lockKey) ~= @fence then return 0 end
        if @result ~= '' then redis.call('set', @resultKey, @result, 'PX', @keptFor) end
        redis.call('del', @lockKey)
        return 1
        """);

    private IDataProtector Protector => dataProtection.CreateProtector(ResultPurpose);

    /// <summary>A refresh may outlast its provider calls' timeouts (discovery, token, keys), never more.</summary>
    private TimeSpan LockLifetime => options.Value.ProviderTimeout * 3 + TimeSpan.FromSeconds(5);

    /// <summary>
    /// The result of refreshing the session's <paramref name="refreshTokenHash"/>: an earlier one's when another instance did it,
    /// else <paramref name="refresh"/>'s, run under the lock with its fence. Null when the refresh failed (nothing is shared,
    /// so a later call may retry).
    /// </summary>
    public async Task<RefreshedTokens?> RunAsync(string sessionId, string refreshTokenHash, Func<long, Task<RefreshedTokens?>> refresh)
    {
        var database = redis.Database;
        var lockKey = RedisKeys.RefreshLock(sessionId);
        var resultKey = RedisKeys.RefreshResult(sessionId, refreshTokenHash);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await ReadResultAsync(database, resultKey) is { } shared)
            {
                return shared;
            }
            var fence = (long)await Acquire.EvaluateAsync(database, new
            {
                lockKey,
                fenceKey = RedisKeys.RefreshFence(sessionId),
                lifetime = (long)LockLifetime.TotalMilliseconds,
                fenceLifetime = (long)options.Value.Session.AbsoluteLifetime.TotalMilliseconds,
            });
            if (fence > 0)
            {
                // Another holder may have finished between the read above and taking the lock.
                var result = await ReadResultAsync(database, resultKey) ?? await refresh(fence);
                var published = result is null ? "" : Protector.Protect(JsonSerializer.Serialize(result, SessionCookieJson.Compact.RefreshedTokens));
                await Finish.EvaluateAsync(database, new { lockKey, resultKey, fence = fence.ToString(CultureInfo.InvariantCulture), result = published, keptFor = (long)ResultKeptFor.TotalMilliseconds });
                return result;
            }
            if (waited.Elapsed > LockLifetime)
            {
                return null;
            }
            await Task.Delay(PollInterval);
            if (!await database.KeyExistsAsync(lockKey) && await ReadResultAsync(database, resultKey) is null)
            {
                return null; // the holder failed: it shares nothing, and this wait does not retry the provider
            }
        }
    }

    private async Task<RefreshedTokens?> ReadResultAsync(IDatabase database, RedisKey resultKey)
    {
        var value = await database.StringGetAsync(resultKey);
        return value.IsNullOrEmpty
            ? null
            : JsonSerializer.Deserialize(Protector.Unprotect(value.ToString()), SessionCookieJson.Compact.RefreshedTokens);
    }
}
