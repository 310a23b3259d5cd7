using System.Globalization;
using System.Threading.RateLimiting;
using AuthApi.Logging;
using AuthApi.Options;
using AuthApi.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthApi.Http;

/// <summary>
/// Limits <c>/login</c> and <c>/oauth2callback</c> per client IP (<c>Auth:RateLimit:PermitsPerMinute</c>): each pair
/// can make an authenticated token request at the provider, and providers throttle per client, so one flood
/// would stop everyone's logins.
/// </summary>
internal static class LoginRateLimit
{
    public const string PolicyName = "login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, Partition);
            limiter.OnRejected = OnRejectedAsync;
        });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var permits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RateLimit.PermitsPerMinute;
        if (permits == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        // Behind a listed proxy this is the client's address (TrustedProxies), not the proxy's.
        var clientIp = context.Connection.RemoteIpAddress?.ToString() ?? "";
        return RateLimitPartition.GetFixedWindowLimiter(clientIp, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        Log.RateLimited(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginRateLimit).FullName!), context.Request.Path);
        await AuthProblems.RateLimited().ExecuteAsync(context);
    }
}
