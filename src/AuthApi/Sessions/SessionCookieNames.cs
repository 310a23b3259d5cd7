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

    /// <summary>The other prefix a browser gives special meaning: a cookie named with it is no cookie of this service either.</summary>
    public const string SecurePrefix = "__Secure-";

    /// <summary>
    /// A cookie of this service's, or one a browser or the framework could take for it: any letter case, with or without
    /// <c>__Host-</c> or <c>__Secure-</c> in any case. Nothing upstream may see one, nor set one.
    /// </summary>
    public static bool IsOwn(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        foreach (var prefix in (ReadOnlySpan<string>)[HostPrefix, SecurePrefix])
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[prefix.Length..];
                break;
            }
        }
        return name.StartsWith(CommonPrefix, StringComparison.OrdinalIgnoreCase);
    }
}
