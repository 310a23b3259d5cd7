namespace AuthApi.Sessions;

/// <summary>The session cookies' names, before the <c>__Host-</c> prefix an https service adds.</summary>
internal static class SessionCookieNames
{
    /// <summary>The identity (cookie store) or the sealed handle of the server-side session (Redis store).</summary>
    public const string Identity = "authapi.session";

    /// <summary>The tokens, in the cookie store only.</summary>
    public const string Tokens = "authapi.tokens";

    /// <summary>What every cookie of this service's starts with: the session's, their chunks (<c>C1</c>, ...) and the login cookies.</summary>
    public const string CommonPrefix = "authapi.";

    /// <summary>The prefix of every cookie when <c>Auth:RedirectUri</c> is https: Secure, Path=/, no Domain, so no subdomain can set it.</summary>
    public const string HostPrefix = "__Host-";

    /// <summary>A cookie of this service's (with or without <c>__Host-</c>), which nothing upstream may see.</summary>
    public static bool IsOwn(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        if (name.StartsWith(HostPrefix, StringComparison.Ordinal))
        {
            name = name[HostPrefix.Length..];
        }
        return name.StartsWith(CommonPrefix, StringComparison.Ordinal);
    }
}
