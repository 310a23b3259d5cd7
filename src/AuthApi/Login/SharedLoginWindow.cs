using System.Threading.RateLimiting;
using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Login;

/// <summary>
/// The login rate limit with <c>Auth:Redis</c>: one fixed one-minute window per client address, counted in Redis so every
/// instance shares it, in one script call per request. The window's number comes from the service's clock and is part of the
/// key, so every instance agrees on when a window ends. While Redis does not answer, each instance counts on its own, as it
/// does without <c>Auth:Redis</c>, and says so once per outage.
/// </summary>
internal sealed class SharedLoginWindow : IDisposable
{
    // A login must not wait for Redis's command timeout: past this the request is counted on this instance.
    private static readonly TimeSpan RedisWait = TimeSpan.FromSeconds(1);

    // Counts a request; the window's first sets the key to expire (in ms) when the window ends.
    private static readonly LuaScript Count = LuaScript.Prepare("""
        local count = redis.call('incr', @key)
        if count == 1 then redis.call('pexpire', @key, @lifetime) end
        return count
        """);

    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _permits;
    private readonly PartitionedRateLimiter<string> _perInstance;
    private int _redisAway;

    public SharedLoginWindow(RedisConnection redis, TimeProvider time, IOptions<AuthOptions> options, ILogger<SharedLoginWindow> logger)
    {
        _redis = redis;
        _time = time;
        _logger = logger;
        _permits = options.Value.RateLimit.PermitsPerMinute;
        _perInstance = PartitionedRateLimiter.Create<string, string>(clientIp => LoginRateLimit.PerInstance(clientIp, _permits));
    }

    public async ValueTask<RateLimitLease> AcquireAsync(string clientIp, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var windowMilliseconds = (long)LoginRateLimit.WindowLength.TotalMilliseconds;
        var window = now.ToUnixTimeMilliseconds() / windowMilliseconds;
        var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * windowMilliseconds);
        long count;
        try
        {
            var lifetime = (long)RedisExpiry.Until(windowEnd, _time).TotalMilliseconds;
            count = (long)await Count.EvaluateAsync(_redis.Database, new { key = RedisKeys.LoginRate(clientIp, window), lifetime })
                .WaitAsync(RedisWait, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || RedisFailure.Is(ex))
        {
            if (Interlocked.Exchange(ref _redisAway, 1) == 0)
            {
                _logger.RateLimitPerInstance(ex.GetType().Name);
            }
            return _perInstance.AttemptAcquire(clientIp);
        }
        if (Interlocked.Exchange(ref _redisAway, 0) == 1)
        {
            _logger.RateLimitShared();
        }
        return count <= _permits ? LoginRateLease.Acquired : LoginRateLease.Refused(windowEnd - now);
    }

    public void Dispose() => _perInstance.Dispose();
}
