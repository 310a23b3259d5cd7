using AuthApi.Options;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>
/// Sessions kept in the browser (<c>Auth:Session:Store=Cookie</c>) as two cookies: identity (with the ID token, stored once)
/// and the access and refresh tokens, kept apart because together they overflow one cookie, and because <c>/me</c> needs
/// only the identity. The identity is compressed: an Entra ID token with 150 group IDs then fits the 12 KB budget.
/// </summary>
internal sealed class CookieSessionStore(CookieJar jar, EndedSessions endedSessions, IOptions<AuthOptions> options, TimeProvider time) : ISessionStore
{
    // v2: the ID token moved into the (compressed) identity; v1 cookies fail to unprotect and read as no session.
    private const string IdentityPurpose = "AuthApi.Session.Identity.v2";
    private const string TokensPurpose = "AuthApi.Session.Tokens.v2";

    public async ValueTask<UserSession?> ReadAsync(HttpContext context, bool activity)
    {
        var session = jar.ReadCached(context, SessionCookieNames.Identity, IdentityPurpose, SessionCookieJson.Compact.UserSession, KeepUntil, compressed: true);
        if (session is null || session.IsExpired(time.GetUtcNow()) || await endedSessions.IsEndedAsync(session))
        {
            DeleteCookies(context);
            return null;
        }
        if (activity && IdleWindow.Slide(session, options.Value.Session, time.GetUtcNow()) is { } slid)
        {
            WriteIdentity(context, slid);
            return slid;
        }
        return session;
    }

    /// <summary>A decrypted identity is of no use past its idle or absolute end.</summary>
    private static DateTimeOffset KeepUntil(UserSession session) =>
        session.IdleExpiresAt is { } idleEnd && idleEnd < session.ExpiresAt ? idleEnd : session.ExpiresAt;

    public ValueTask<SessionTokens?> ReadTokensAsync(HttpContext context, UserSession session)
    {
        // Cached as the identity is: the API proxy reads the tokens on every call.
        var tokens = jar.ReadCached(context, SessionCookieNames.Tokens, TokensPurpose, SessionCookieJson.Compact.SessionTokens, _ => KeepUntil(session));
        return ValueTask.FromResult(tokens?.SessionId == session.Id ? tokens : null);
    }

    public ValueTask<SessionWrite> CreateAsync(HttpContext context, NewSession session) =>
        ValueTask.FromResult(TryWrite(context, session.Session, session.Tokens));

    public ValueTask<TokensWrite> SaveTokensAsync(HttpContext context, UserSession session, SessionTokens tokens, long fence) =>
        ValueTask.FromResult(TryWrite(context, session, tokens).Written ? TokensWrite.Written : TokensWrite.TooLarge);

    public async ValueTask EndAsync(HttpContext context, UserSession session)
    {
        await endedSessions.EndAsync(session);
        DeleteCookies(context);
    }

    public void DeleteCookies(HttpContext context)
    {
        jar.Delete(context, SessionCookieNames.Identity);
        jar.Delete(context, SessionCookieNames.Tokens);
    }

    /// <summary>Writes both cookies; not written when together they would exceed <c>Auth:Session:MaxCookieBytes</c>.</summary>
    private SessionWrite TryWrite(HttpContext context, UserSession session, SessionTokens tokens)
    {
        var identity = ProtectIdentity(session);
        var tokenValue = jar.Protect(tokens, TokensPurpose, SessionCookieJson.Compact.SessionTokens);
        var size = identity.Length + tokenValue.Length;
        if (size > options.Value.Session.MaxCookieBytes)
        {
            return new SessionWrite(false, size);
        }
        jar.Write(context, SessionCookieNames.Identity, identity, session.ExpiresAt);
        jar.Write(context, SessionCookieNames.Tokens, tokenValue, session.ExpiresAt);
        return new SessionWrite(true, size);
    }

    private void WriteIdentity(HttpContext context, UserSession session) =>
        jar.Write(context, SessionCookieNames.Identity, ProtectIdentity(session), session.ExpiresAt);

    private string ProtectIdentity(UserSession session) =>
        jar.Protect(session, IdentityPurpose, SessionCookieJson.Compact.UserSession, compress: true);
}
