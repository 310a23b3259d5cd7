namespace AuthApi.Sessions;

/// <summary>The idle timeout's sliding window, moved only once half of it has passed, so activity does not rewrite the session on every call.</summary>
internal static class IdleWindow
{
    /// <summary>The session with its idle window moved to start now, or null when it need not move yet.</summary>
    public static UserSession? Slide(UserSession session, AuthApi.Options.SessionOptions options, DateTimeOffset now)
    {
        if (session.IdleExpiresAt is not { } idleExpiresAt || options.IdleTimeout is not { } idleTimeout || idleExpiresAt - now > idleTimeout / 2)
        {
            return null;
        }
        var renewed = now + idleTimeout;
        return session with { IdleExpiresAt = renewed < session.ExpiresAt ? renewed : session.ExpiresAt };
    }
}
