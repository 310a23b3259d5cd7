using System.Threading.RateLimiting;
using AuthApi.Options;

namespace AuthApi.Http;

/// <summary>
/// A limit on one client's requests (<see cref="RateLimitClient"/>) in fixed one-minute windows, as a rate-limiter policy of
/// its own: each limit counts in its own windows, per instance or, with <c>Auth:Redis</c>, in Redis (<see cref="SharedRateWindow"/>).
/// </summary>
internal sealed class ClientRateLimit
{
    /// <summary>
    /// <c>/login</c> and <c>/oauth2callback</c>: each pair can make an authenticated token request at the provider, and
    /// providers throttle per client, so one flood would stop everyone's logins.
    /// </summary>
    public static readonly ClientRateLimit Login = new("login", "Auth:RateLimit:PermitsPerMinute", options => options.PermitsPerMinute);

    /// <summary>
    /// <c>/backchannel-logout</c>: unauthenticated, and each token costs a signature check and Redis calls. A provider posts one
    /// token per session it ends, from a few addresses for all its users, so its limit is higher than a browser's.
    /// </summary>
    public static readonly ClientRateLimit BackChannelLogout = new("backchannel-logout", "Auth:RateLimit:BackChannelPermitsPerMinute", options => options.BackChannelPermitsPerMinute);

    public static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(1);

    private readonly Func<RateLimitOptions, int> _permitsPerMinute;

    private ClientRateLimit(string policyName, string setting, Func<RateLimitOptions, int> permitsPerMinute)
    {
        PolicyName = policyName;
        Setting = setting;
        _permitsPerMinute = permitsPerMinute;
    }

    public static IReadOnlyList<ClientRateLimit> All { get; } = [Login, BackChannelLogout];

    /// <summary>The rate-limiter policy's name, and the limit's in its Redis keys and log lines.</summary>
    public string PolicyName { get; }

    /// <summary>The configuration key of its permits per minute, named in log lines.</summary>
    public string Setting { get; }

    public int PermitsPerMinute(RateLimitOptions options) => _permitsPerMinute(options);

    /// <summary>A fixed window per client on this instance: the limit without <c>Auth:Redis</c>, and while Redis is away.</summary>
    public static RateLimitPartition<string> PerInstance(string client, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = WindowLength,
            QueueLimit = 0,
        });
}
