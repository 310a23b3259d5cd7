using AuthApi.Provider;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthApi.Health;

/// <summary>A provider is ready when its metadata is loaded or loadable now; otherwise its description is the cause <c>/readyz</c> names.</summary>
internal sealed class ProviderReadinessCheck(ProviderMetadataCache discovery, string provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await discovery.GetAsync(provider, cancellationToken) is null
            ? HealthCheckResult.Unhealthy(discovery.LastProblemOf(provider)?.Cause ?? MetadataProblem.Unreachable)
            : HealthCheckResult.Healthy(ReadinessChecks.Ready);
}
