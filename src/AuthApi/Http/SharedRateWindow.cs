using System.Threading.RateLimiting;
using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Http;

/// <summary>
/// A <see cref="ClientRateLimit"/> with <c>Auth:Redis</c>: one fixed one-minute window per client, counted in Redis so every
/// instance shares it, in one script call per request. The window's number comes from the service's clock and is part of the
/// key, so every instance agrees on when a window ends. While Redis does not answer, each instance counts on its own, as it
/// does without <c>Auth:Redis</c>, and says so once per outage.
/// </summary>
internal sealed class SharedRateWindow : IDisposable
{
    // A request must not wait for Redis's command timeout: past this it is counted on this instance.
    private static readonly TimeSpan RedisWait = TimeSpan.FromSeconds(1);

    // Counts a request; the window's first sets the key to expire (in ms) when the window ends.
    private static readonly LuaScript Count = LuaScript.Prepare("""
        local count = redis.call('incr', @key)
        if count == 1 then redis.call('pexpire', @key, @lifetime) end
        return count
        """);

    private readonly ClientRateLimit _limit;
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _permits;
    private readonly PartitionedRateLimiter<string> _perInstance;
    private int _redisAway;

    public SharedRateWindow(ClientRateLimit limit, RedisConnection redis, TimeProvider time, IOptions<AuthOptions> options, ILogger<SharedRateWindow> logger)
    {
        _limit = limit;
        _redis = redis;
        _time = time;
        _logger = logger;
        _permits = limit.PermitsPerMinute(options.Value.RateLimit);
        _perInstance = PartitionedRateLimiter.Create<string, string>(client => ClientRateLimit.PerInstance(client, _permits));
    }

    public async ValueTask<RateLimitLease> AcquireAsync(string client, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var windowMilliseconds = (long)ClientRateLimit.WindowLength.TotalMilliseconds;
        var window = now.ToUnixTimeMilliseconds() / windowMilliseconds;
        var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * windowMilliseconds);
        long count;
        try
        {
            var lifetime = (long)RedisExpiry.Until(windowEnd, _time).TotalMilliseconds;
            count = (long)await Count.EvaluateAsync(_redis.Database, new { key = RedisKeys.ClientRate(_limit.PolicyName, client, window), lifetime })
                .WaitAsync(RedisWait, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || RedisFailure.Is(ex))
        {
            if (Interlocked.Exchange(ref _redisAway, 1) == 0)
            {
                _logger.RateLimitPerInstance(_limit.PolicyName, ex.GetType().Name, _limit.Setting);
            }
            return _perInstance.AttemptAcquire(client);
        }
        if (Interlocked.Exchange(ref _redisAway, 0) == 1)
        {
            _logger.RateLimitShared(_limit.PolicyName, _limit.Setting);
        }
        return count <= _permits ? SharedRateLease.Acquired : SharedRateLease.Refused(windowEnd - now);
    }

    public void Dispose() => _perInstance.Dispose();
}
