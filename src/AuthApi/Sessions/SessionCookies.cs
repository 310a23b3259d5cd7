using AuthApi.Options;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>
/// The session as two cookies: identity and tokens, kept apart because together they overflow one
/// cookie, and because <c>/me</c> needs only the identity.
/// </summary>
internal sealed class SessionCookies(CookieJar jar, EndedSessions endedSessions, IOptions<AuthOptions> options, TimeProvider time)
{
    public const string IdentityCookie = "authapi.session";
    public const string TokensCookie = "authapi.tokens";
    private const string IdentityPurpose = "AuthApi.Session.Identity.v1";
    private const string TokensPurpose = "AuthApi.Session.Tokens.v1";

    /// <summary>The session, or null when there is none; an expired, ended or unreadable session's cookies are deleted.</summary>
    public UserSession? ReadOrDeleteInvalid(HttpContext context)
    {
        var session = jar.Read(context, IdentityCookie, IdentityPurpose, SessionCookieJson.Compact.UserSession);
        if (session is null || session.IsExpired(time.GetUtcNow()) || endedSessions.IsEnded(session))
        {
            if (HasAny(context))
            {
                Delete(context);
            }
            return null;
        }
        return session;
    }

    /// <summary>
    /// The session of a request that counts as activity: the idle window slides, and the identity
    /// cookie is re-issued only once half of that window has passed, not on every call.
    /// </summary>
    public UserSession? ReadAndSlideIdleWindow(HttpContext context)
    {
        var session = ReadOrDeleteInvalid(context);
        if (session?.IdleExpiresAt is not { } idleExpiresAt || options.Value.Session.IdleTimeout is not { } idleTimeout)
        {
            return session;
        }
        var now = time.GetUtcNow();
        if (idleExpiresAt - now > idleTimeout / 2)
        {
            return session;
        }
        var renewed = now + idleTimeout;
        var slid = session with { IdleExpiresAt = renewed < session.ExpiresAt ? renewed : session.ExpiresAt };
        WriteIdentity(context, slid);
        return slid;
    }

    /// <summary>The session's tokens, or null when the tokens cookie is missing or belongs to another session.</summary>
    public SessionTokens? ReadTokens(HttpContext context, UserSession session)
    {
        var tokens = jar.Read(context, TokensCookie, TokensPurpose, SessionCookieJson.Compact.SessionTokens);
        return tokens?.SessionId == session.Id ? tokens : null;
    }

    /// <summary>Writes both cookies; false (and nothing written) when they would exceed <c>Auth:Session:MaxCookieBytes</c>.</summary>
    public bool TryWrite(HttpContext context, UserSession session, SessionTokens tokens, out int size)
    {
        var identity = jar.Protect(session, IdentityPurpose, SessionCookieJson.Compact.UserSession);
        var tokenValue = jar.Protect(tokens, TokensPurpose, SessionCookieJson.Compact.SessionTokens);
        size = identity.Length + tokenValue.Length;
        if (size > options.Value.Session.MaxCookieBytes)
        {
            return false;
        }
        jar.Write(context, IdentityCookie, identity, session.ExpiresAt);
        jar.Write(context, TokensCookie, tokenValue, session.ExpiresAt);
        return true;
    }

    /// <summary>Re-issues the identity cookie after the idle window moved.</summary>
    public void WriteIdentity(HttpContext context, UserSession session) =>
        jar.Write(context, IdentityCookie, jar.Protect(session, IdentityPurpose, SessionCookieJson.Compact.UserSession), session.ExpiresAt);

    /// <summary>Ends the session: its cookies are deleted, and any copy of them reads as no session from now on.</summary>
    public void End(HttpContext context, UserSession session)
    {
        endedSessions.End(session);
        Delete(context);
    }

    public void Delete(HttpContext context)
    {
        jar.Delete(context, IdentityCookie);
        jar.Delete(context, TokensCookie);
    }

    private bool HasAny(HttpContext context) =>
        context.Request.Cookies.ContainsKey(jar.NameFor(IdentityCookie))
        || context.Request.Cookies.ContainsKey(jar.NameFor(TokensCookie));
}
