namespace AuthApi.Options;

/// <summary>The <c>Auth:RateLimit</c> section.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests to <c>/login</c> and <c>/oauth2callback</c> one client IP may make per minute; 0 turns the limit off. Defaults to 60.</summary>
    public int PermitsPerMinute { get; set; } = 60;

    /// <summary>
    /// Requests to <c>/backchannel-logout</c> one client IP may make per minute; 0 turns the limit off. A provider posts one
    /// logout token per session it ends, from a few addresses for all its users, so this is ten times a browser's login limit:
    /// a logout of every session of a large tenant still passes within minutes, while a flood of forged tokens costs at most
    /// ten signature checks a second per address. Defaults to 600.
    /// </summary>
    public int BackChannelPermitsPerMinute { get; set; } = 600;

    /// <summary>
    /// How many leading bits of an IPv6 address make one client: a single subscriber is handed a whole /64 (or more), so
    /// counting per address would give one attacker 2^64 windows. IPv4 addresses count one by one. Defaults to 64.
    /// </summary>
    public int Ipv6PrefixLength { get; set; } = 64;
}
