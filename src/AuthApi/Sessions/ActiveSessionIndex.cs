using System.Diagnostics.Metrics;
using AuthApi.Options;
using AuthApi.Redis;
using AuthApi.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Sessions;

/// <summary>
/// The server-side sessions' IDs in <see cref="RedisKeys.ActiveSessions"/>, scored by when each ends, behind the gauge
/// <c>authapi.sessions.active</c>. The IDs are spread over <see cref="RedisKeys.ActiveSessionShards"/> keys by the session ID,
/// so on a Redis Cluster logins and idle slides spread over the shards instead of queueing on one. A count is one ZCOUNT per
/// key (with the expired IDs dropped in the same round trip), made at most every <see cref="CountInterval"/> per instance
/// however often metrics are collected; never a scan of the keys.
/// </summary>
internal sealed class ActiveSessionIndex(
    RedisConnection redis,
    AuthApiMetrics metrics,
    IOptions<AuthOptions> options,
    TimeProvider time) : IHostedService
{
    public static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long a collection waits for a count: a slower Redis is reported with the last count, this one the next time.</summary>
    private static readonly TimeSpan CountWait = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Task? _counting;
    private long? _count;
    private DateTimeOffset _countedAt = DateTimeOffset.MinValue;

    public Task AddAsync(string sessionId, DateTimeOffset endsAt) =>
        redis.Database.SortedSetAddAsync(ShardOf(sessionId), sessionId, endsAt.ToUnixTimeMilliseconds());

    /// <summary>Moves a session's end after its idle window slid, without waiting for Redis; an ID no longer there stays out.</summary>
    public void Slide(string sessionId, DateTimeOffset endsAt) =>
        redis.Database.SortedSetAdd(ShardOf(sessionId), sessionId, endsAt.ToUnixTimeMilliseconds(), SortedSetWhen.Exists, CommandFlags.FireAndForget);

    public Task RemoveAsync(string sessionId) => redis.Database.SortedSetRemoveAsync(ShardOf(sessionId), sessionId);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Session.Store == SessionStoreKind.Redis)
        {
            metrics.ObserveActiveSessions(Observe);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The last count, renewed first when it is older than <see cref="CountInterval"/>; none while Redis cannot be counted.</summary>
    private IEnumerable<Measurement<long>> Observe()
    {
        Task? counting;
        lock (_gate)
        {
            if (_counting is null && time.GetUtcNow() - _countedAt >= CountInterval)
            {
                _counting = CountAsync();
            }
            counting = _counting;
        }
        counting?.Wait(CountWait);
        lock (_gate)
        {
            return _count is { } count ? [new Measurement<long>(count)] : [];
        }
    }

    private async Task<long> CountShardAsync(RedisKey shard, long now)
    {
        var transaction = redis.Database.CreateTransaction();
        _ = transaction.SortedSetRemoveRangeByScoreAsync(shard, double.NegativeInfinity, now);
        var live = transaction.SortedSetLengthAsync(shard, now, double.PositiveInfinity, Exclude.Start);
        await transaction.ExecuteAsync();
        return await live;
    }

    /// <summary>The shard of a session: the same on every instance (string.GetHashCode differs between processes).</summary>
    private static RedisKey ShardOf(string sessionId)
    {
        var hash = 0u;
        foreach (var character in sessionId)
        {
            hash = (hash * 31) + character;
        }
        return RedisKeys.ActiveSessions((int)(hash % RedisKeys.ActiveSessionShards));
    }

    private async Task CountAsync()
    {
        await Task.Yield(); // let Observe publish this task before it can complete
        long? count = null;
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var shards = await Task.WhenAll(Enumerable.Range(0, RedisKeys.ActiveSessionShards).Select(shard => CountShardAsync(RedisKeys.ActiveSessions(shard), now)));
            count = shards.Sum();
        }
        catch (Exception ex) when (RedisFailure.Is(ex))
        {
            // Redis is away: no value rather than a stale one; RedisConnection logs the outage.
        }
        finally
        {
            lock (_gate)
            {
                _count = count;
                _countedAt = time.GetUtcNow();
                _counting = null;
            }
        }
    }
}
