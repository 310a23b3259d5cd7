using System.Threading.RateLimiting;

namespace AuthApi.Http;

/// <summary>One client's partition of a rate limit with <c>Auth:Redis</c>: each request is counted by <see cref="SharedRateWindow"/>.</summary>
internal sealed class SharedRateLimiter(string client, SharedRateWindow window, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();

    /// <summary>Holds no count of its own, so the partitioned limiter may drop it once unused for a while.</summary>
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    // RateLimitingMiddleware tries this synchronous path first and AcquireAsync after a refusal: one Redis call, made there.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => SharedRateLease.NotYetCounted;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return window.AcquireAsync(client, cancellationToken);
    }
}
