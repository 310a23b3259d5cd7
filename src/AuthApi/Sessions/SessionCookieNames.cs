namespace AuthApi.Sessions;

/// <summary>The session cookies' names, before the <c>__Host-</c> prefix an https service adds.</summary>
internal static class SessionCookieNames
{
    /// <summary>The identity (cookie store) or the sealed handle of the server-side session (Redis store).</summary>
    public const string Identity = "authapi.session";

    /// <summary>The tokens, in the cookie store only.</summary>
    public const string Tokens = "authapi.tokens";
}
