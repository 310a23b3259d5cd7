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

    /// <summary>
    /// Most bytes the Redis store keeps of one session: its encrypted identity (claims, ID token) and tokens together. A login
    /// over it fails with <c>session_too_large</c>; a refresh that would take the session over it ends the session. Defaults to 64 KB.
    /// </summary>
    public int MaxStoredBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Most live sessions a user (provider and <c>sub</c>) has in the Redis store: a login beyond it ends the user's least recently
    /// seen sessions first. Defaults to 50.
    /// </summary>
    public int MaxPerUser { get; set; } = 50;
}
