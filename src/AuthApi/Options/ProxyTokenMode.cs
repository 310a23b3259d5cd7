namespace AuthApi.Options;

/// <summary>What a proxy route sends upstream as credentials (<c>Auth:Proxy:Routes:{name}:Token</c>).</summary>
public enum ProxyTokenMode
{
    /// <summary>The session's access token as <c>Authorization: Bearer</c>; the route needs a session and the anti-forgery header.</summary>
    User,

    /// <summary>No token: an anonymous passthrough.</summary>
    None,
}
