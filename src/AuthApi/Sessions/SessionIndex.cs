using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Sessions;

/// <summary>
/// The Redis store's lists of session IDs (a user's, a provider session's): sorted sets scored by when each entry was added.
/// On a Redis Cluster a list and its sessions may live on different shards, so nothing writes them together: a list entry is
/// written before its session and removed after it, and an entry whose session is missing is skipped and removed when read.
/// </summary>
internal sealed class SessionIndex(RedisConnection redis, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>A session is written a moment after its entry: a younger entry without its session is still being written.</summary>
    private static readonly TimeSpan WriteGrace = TimeSpan.FromMinutes(1);

    /// <summary>Adds the session; the list lives as long as the longest session it lists could (an absolute lifetime).</summary>
    public async Task AddAsync(RedisKey index, string sessionId)
    {
        var write = redis.Database.CreateTransaction();
        _ = write.SortedSetAddAsync(index, sessionId, time.GetUtcNow().ToUnixTimeMilliseconds());
        _ = write.KeyExpireAsync(index, options.Value.Session.AbsoluteLifetime);
        await write.ExecuteAsync();
    }

    public Task RemoveAsync(RedisKey index, string sessionId) => redis.Database.SortedSetRemoveAsync(index, sessionId);

    /// <summary>How many entries the list has, those of sessions gone but not yet removed included: never fewer than its live sessions.</summary>
    public Task<long> CountAsync(RedisKey index) => redis.Database.SortedSetLengthAsync(index);

    public async Task<bool> ContainsAsync(RedisKey index, string sessionId) =>
        await redis.Database.SortedSetScoreAsync(index, sessionId) is not null;

    /// <summary>What <paramref name="read"/> finds of each listed session, read side by side; entries of sessions gone are removed.</summary>
    public async Task<List<T>> ReadAsync<T>(RedisKey index, Func<string, Task<T?>> read) where T : class
    {
        var entries = await redis.Database.SortedSetRangeByRankWithScoresAsync(index);
        var found = await Task.WhenAll(entries.Select(entry => read(entry.Element.ToString())));
        var writtenBefore = (time.GetUtcNow() - WriteGrace).ToUnixTimeMilliseconds();
        var gone = entries.Where((entry, i) => found[i] is null && entry.Score < writtenBefore).Select(entry => entry.Element).ToArray();
        if (gone.Length > 0)
        {
            await redis.Database.SortedSetRemoveAsync(index, gone);
        }
        return [.. found.OfType<T>()];
    }
}
