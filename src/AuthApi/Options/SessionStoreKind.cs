namespace AuthApi.Options;

/// <summary>Where sessions live (<c>Auth:Session:Store</c>).</summary>
public enum SessionStoreKind
{
    /// <summary>Claims and tokens in the session's encrypted cookies.</summary>
    Cookie,

    /// <summary>Claims and tokens in Redis; the cookie holds only the session's handle.</summary>
    Redis,
}
