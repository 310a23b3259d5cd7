using System.Threading.RateLimiting;
using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Logging;
using AuthApi.Options;
using AuthApi.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthApi.Login;

/// <summary>
/// Limits <c>/login</c> and <c>/oauth2callback</c> per client IP (<c>Auth:RateLimit:PermitsPerMinute</c>): each pair
/// can make an authenticated token request at the provider, and providers throttle per client, so one flood
/// would stop everyone's logins. With <c>Auth:Redis</c> every instance shares the count (<see cref="SharedLoginWindow"/>).
/// </summary>
internal static class LoginRateLimit
{
    public const string PolicyName = "login";

    public static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services)
    {
        services.AddSingleton<SharedLoginWindow>();
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, Partition);
            limiter.OnRejected = OnRejectedAsync;
        });
    }

    /// <summary>A fixed window per client IP on this instance: the limit without <c>Auth:Redis</c>, and while Redis is away.</summary>
    public static RateLimitPartition<string> PerInstance(string clientIp, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(clientIp, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = WindowLength,
            QueueLimit = 0,
        });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var services = context.RequestServices;
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.RateLimit.PermitsPerMinute == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        // Behind a listed proxy this is the client's address (TrustedProxies), not the proxy's; IPv6 by its network.
        var clientIp = RateLimitClient.KeyOf(context.Connection.RemoteIpAddress, auth.RateLimit.Ipv6PrefixLength);
        if (!auth.UsesRedis)
        {
            return PerInstance(clientIp, auth.RateLimit.PermitsPerMinute);
        }
        var window = services.GetRequiredService<SharedLoginWindow>();
        var time = services.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(clientIp, key => new SharedLoginLimiter(key, window, time));
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : WindowLength;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginRateLimit).FullName!).RateLimited(context.Request.Path.Value);
        context.RequestServices.GetRequiredService<AuthApiMetrics>().RateLimited((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "");
        await AuthProblems.RateLimited().WithRetryAfter(retryAfter).ExecuteAsync(context);
    }

    /// <summary>Declares the rate limit's answer: <c>429 rate_limited</c> with <c>Retry-After</c>.</summary>
    public static RouteHandlerBuilder ProducesRateLimited(this RouteHandlerBuilder builder) =>
        builder
            .ProducesErrorCodes(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited)
            .ProducesRetryAfter(StatusCodes.Status429TooManyRequests, WindowLength);
}
