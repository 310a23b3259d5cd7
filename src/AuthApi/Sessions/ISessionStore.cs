namespace AuthApi.Sessions;

/// <summary>
/// The request's session, wherever it lives: in its own encrypted cookies (<see cref="CookieSessionStore"/>) or in Redis behind a
/// handle cookie (<see cref="RedisSessionStore"/>), as <c>Auth:Session:Store</c> says. With Redis away, every method throws
/// what <see cref="Redis.RedisFailure"/> recognises, answered as 503 <c>session_store_unavailable</c>, never as "logged out".
/// </summary>
internal interface ISessionStore
{
    /// <summary>
    /// The session, or null when there is none; an expired, ended or unreadable session's cookies are deleted. A read that is
    /// <paramref name="activity"/> slides the idle window (written only once half of it has passed, not on every call).
    /// </summary>
    ValueTask<UserSession?> ReadAsync(HttpContext context, bool activity);

    /// <summary>The session's tokens, or null when they are missing or belong to another session.</summary>
    ValueTask<SessionTokens?> ReadTokensAsync(HttpContext context, UserSession session);

    /// <summary>
    /// Stores a new session and writes its cookies; not written (nothing is) when it would pass the store's size limit:
    /// <c>Auth:Session:MaxCookieBytes</c> for its cookies, <c>Auth:Session:MaxStoredBytes</c> for what Redis keeps.
    /// </summary>
    ValueTask<SessionWrite> CreateAsync(HttpContext context, NewSession session);

    /// <summary>
    /// Stores refreshed tokens; says when the session is gone, or when the tokens would take it over the store's size limit
    /// (nothing is written then). <paramref name="fence"/> is the refresh lock's value (<see cref="RefreshLock"/>): tokens from
    /// an older holder never overwrite newer ones.
    /// </summary>
    ValueTask<TokensWrite> SaveTokensAsync(HttpContext context, UserSession session, SessionTokens tokens, long fence);

    /// <summary>Ends the session: its cookies are deleted, and any copy of them reads as no session from now on, on every instance.</summary>
    ValueTask EndAsync(HttpContext context, UserSession session);

    /// <summary>Deletes the request's session cookies, if it has any.</summary>
    void DeleteCookies(HttpContext context);
}

/// <summary>A session being written at login, with what a server-side store keeps beside it.</summary>
/// <param name="ProviderSid">The ID token's <c>sid</c>, which a back-channel logout names.</param>
internal sealed record NewSession(UserSession Session, SessionTokens Tokens, string? ProviderSid);

/// <summary>Whether a session was written, what its cookies cost, and with the Redis store what Redis keeps of it.</summary>
internal readonly record struct SessionWrite(bool Written, int CookieBytes, int StoredBytes = 0);

/// <summary>What became of refreshed tokens: stored, or not because the session is gone or they would make it too large.</summary>
internal enum TokensWrite
{
    Written,
    SessionGone,
    TooLarge,
}
