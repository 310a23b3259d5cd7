namespace AuthApi.Options;

/// <summary>The <c>Auth:Session</c> section.</summary>
public sealed class SessionOptions
{
    /// <summary>Longest a session lives, however active. Defaults to 30 days.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Inactivity after which the session ends. Defaults to off (null).</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>End the session when the ID token expires. Defaults to <c>false</c>.</summary>
    public bool UseProviderExpiry { get; set; }

    /// <summary>
    /// Where sessions live: <c>Cookie</c> (claims and tokens in encrypted cookies) or <c>Redis</c> (in <c>Auth:Redis</c>, behind a
    /// small handle cookie; adds "log out everywhere", the session list and back-channel logout). Defaults to <c>Cookie</c>.
    /// </summary>
    public SessionStoreKind Store { get; set; } = SessionStoreKind.Cookie;

    /// <summary>Most bytes all session cookies together may take. Defaults to 12 KB.</summary>
    public int MaxCookieBytes { get; set; } = 12 * 1024;
}
