using AuthApi.Provider;
using AuthApi.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthApi.Health;

/// <summary>Redis is ready when it answers a ping within a second; otherwise it is <c>unreachable</c>.</summary>
internal sealed class RedisReadinessCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await redis.AnswersAsync(cancellationToken)
            ? HealthCheckResult.Healthy(ReadinessChecks.Ready)
            : HealthCheckResult.Unhealthy(MetadataProblem.Unreachable);
}
