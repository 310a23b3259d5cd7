using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AuthApi.Health;

/// <summary>
/// The ASP.NET Core health checks behind <c>/readyz</c>: one per provider and, with <c>Auth:Redis</c>, one for Redis. Each
/// check's description is its state in <c>/readyz</c>'s body: <c>ready</c> or the cause.
/// </summary>
internal static class ReadinessChecks
{
    public const string Ready = "ready";

    /// <summary>The readiness checks' tag: checks a host adds for itself do not change <c>/readyz</c>.</summary>
    private const string Tag = "authapi-readiness";

    // Provider names are [a-z0-9-]+, so neither a provider's check nor Redis's can take another's name.
    private const string ProviderPrefix = "provider:";
    private const string RedisName = "redis";

    /// <summary>The framework logs each unhealthy result as an error, on every probe; the metadata cache and the Redis connection already log each failure once.</summary>
    private const string HealthCheckLogCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks();
        // Providers are known once the options are bound: the checks are added then.
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<AuthOptions>>((health, auth) =>
        {
            foreach (var provider in auth.Value.Providers.Keys)
            {
                health.Registrations.Add(new HealthCheckRegistration(ProviderPrefix + provider,
                    resolver => new ProviderReadinessCheck(resolver.GetRequiredService<ProviderMetadataCache>(), provider), HealthStatus.Unhealthy, [Tag]));
            }
            if (auth.Value.UsesRedis)
            {
                health.Registrations.Add(new HealthCheckRegistration(RedisName,
                    resolver => new RedisReadinessCheck(resolver.GetRequiredService<RedisConnection>()), HealthStatus.Unhealthy, [Tag]));
            }
        });
        services.Configure<LoggerFilterOptions>(logging => logging.AddFilter(HealthCheckLogCategory, LogLevel.None));
        return services;
    }

    /// <summary>Runs the readiness checks: each provider's state by name, and Redis's (null without <c>Auth:Redis</c>).</summary>
    public static async Task<(SortedDictionary<string, string> Providers, string? Redis)> RunAsync(this HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(registration => registration.Tags.Contains(Tag), cancellationToken);
        var providers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? redis = null;
        foreach (var (name, entry) in report.Entries)
        {
            // A check that threw has the exception's message as its description: not a state to publish.
            var state = entry.Status == HealthStatus.Healthy ? Ready : entry.Exception is null ? entry.Description ?? MetadataProblem.Unreachable : MetadataProblem.Unreachable;
            if (name == RedisName)
            {
                redis = state;
            }
            else
            {
                providers[name[ProviderPrefix.Length..]] = state;
            }
        }
        return (providers, redis);
    }
}
