using System.Diagnostics.Metrics;
using AuthApi.Options;
using AuthApi.Redis;
using AuthApi.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Sessions;

/// <summary>
/// The server-side sessions' IDs in <see cref="RedisKeys.ActiveSessions"/>, scored by when each ends, behind the gauge
/// <c>authapi.sessions.active</c>. A count is one ZCOUNT (with the expired IDs dropped in the same round trip), made at most
/// every <see cref="CountInterval"/> per instance however often metrics are collected; never a scan of the keys.
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

    /// <summary>Adds a new session, in the transaction that writes it.</summary>
    public void Add(ITransaction write, string sessionId, DateTimeOffset endsAt) =>
        _ = write.SortedSetAddAsync(RedisKeys.ActiveSessions, sessionId, endsAt.ToUnixTimeMilliseconds());

    /// <summary>Moves a session's end after its idle window slid, without waiting for Redis; an ID no longer there stays out.</summary>
    public void Slide(string sessionId, DateTimeOffset endsAt) =>
        redis.Database.SortedSetAdd(RedisKeys.ActiveSessions, sessionId, endsAt.ToUnixTimeMilliseconds(), SortedSetWhen.Exists, CommandFlags.FireAndForget);

    public Task RemoveAsync(string sessionId) => redis.Database.SortedSetRemoveAsync(RedisKeys.ActiveSessions, sessionId);

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

    private async Task CountAsync()
    {
        await Task.Yield(); // let Observe publish this task before it can complete
        long? count = null;
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var transaction = redis.Database.CreateTransaction();
            _ = transaction.SortedSetRemoveRangeByScoreAsync(RedisKeys.ActiveSessions, double.NegativeInfinity, now);
            var live = transaction.SortedSetLengthAsync(RedisKeys.ActiveSessions, now, double.PositiveInfinity, Exclude.Start);
            await transaction.ExecuteAsync();
            count = await live;
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
