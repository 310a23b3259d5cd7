namespace AuthApi.Options;

/// <summary>The <c>Auth:RateLimit</c> section.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests to <c>/login</c> and <c>/oauth2callback</c> one client IP may make per minute; 0 turns the limit off. Defaults to 60.</summary>
    public int PermitsPerMinute { get; set; } = 60;
}
