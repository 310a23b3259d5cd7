using System.Threading.RateLimiting;
using AuthApi.Contracts;
using AuthApi.Options;
using AuthApi.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthApi.Http;

/// <summary>
/// Registers each <see cref="ClientRateLimit"/> as a rate-limiter policy, partitioned by client; over a limit the answer is
/// <c>429 rate_limited</c> with <c>Retry-After</c>. With <c>Auth:Redis</c> every instance shares the count.
/// </summary>
internal static class ClientRateLimits
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        foreach (var limit in ClientRateLimit.All)
        {
            services.AddKeyedSingleton(limit, (provider, _) => ActivatorUtilities.CreateInstance<SharedRateWindow>(provider, limit));
        }
        return services.AddRateLimiter(limiter =>
        {
            foreach (var limit in ClientRateLimit.All)
            {
                limiter.AddPolicy(limit.PolicyName, context => Partition(context, limit));
            }
            limiter.OnRejected = OnRejectedAsync;
        });
    }

    /// <summary>Declares the rate limit's answer: <c>429 rate_limited</c> with <c>Retry-After</c>.</summary>
    public static RouteHandlerBuilder ProducesRateLimited(this RouteHandlerBuilder builder) =>
        builder
            .ProducesErrorCodes(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited)
            .ProducesRetryAfter(StatusCodes.Status429TooManyRequests, ClientRateLimit.WindowLength);

    private static RateLimitPartition<string> Partition(HttpContext context, ClientRateLimit limit)
    {
        var services = context.RequestServices;
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var permits = limit.PermitsPerMinute(auth.RateLimit);
        if (permits == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        // Behind a listed proxy this is the client's address (TrustedProxies), not the proxy's; IPv6 by its network.
        var client = RateLimitClient.KeyOf(context.Connection.RemoteIpAddress, auth.RateLimit.Ipv6PrefixLength);
        if (!auth.UsesRedis)
        {
            return ClientRateLimit.PerInstance(client, permits);
        }
        var window = services.GetRequiredKeyedService<SharedRateWindow>(limit);
        var time = services.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(client, key => new SharedRateLimiter(key, window, time));
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var setting = ClientRateLimit.All.FirstOrDefault(limit => limit.PolicyName == policy)?.Setting ?? "";
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : ClientRateLimit.WindowLength;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientRateLimits).FullName!).RateLimited(context.Request.Path.Value, setting);
        context.RequestServices.GetRequiredService<AuthApiMetrics>().RateLimited((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "");
        await AuthProblems.RateLimited().WithRetryAfter(retryAfter).ExecuteAsync(context);
    }
}
