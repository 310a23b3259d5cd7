using System.Threading.RateLimiting;

namespace AuthApi.Login;

/// <summary>One client address's partition of the login rate limit with <c>Auth:Redis</c>: each request is counted by <see cref="SharedLoginWindow"/>.</summary>
internal sealed class SharedLoginLimiter(string clientIp, SharedLoginWindow window, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();

    /// <summary>Holds no count of its own, so the partitioned limiter may drop it once unused for a while.</summary>
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    // RateLimitingMiddleware tries this synchronous path first and AcquireAsync after a refusal: one Redis call, made there.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => LoginRateLease.NotYetCounted;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return window.AcquireAsync(clientIp, cancellationToken);
    }
}
