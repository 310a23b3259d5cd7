namespace AuthApi.Options;

/// <summary>One route of the API proxy (<c>Auth:Proxy:Routes:{name}</c>).</summary>
public sealed class ProxyRouteOptions
{
    /// <summary>The route pattern this service answers, e.g. <c>/api/orders/{**rest}</c>. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>The upstream's absolute http(s) base URL, e.g. <c>https://orders.internal/</c>. Required.</summary>
    public string Destination { get; set; } = "";

    /// <summary>What is sent upstream as credentials. Defaults to <see cref="ProxyTokenMode.User"/>: the session's access token.</summary>
    public ProxyTokenMode Token { get; set; } = ProxyTokenMode.User;

    /// <summary>
    /// Removes the literal part of <see cref="Path"/> before its first <c>{</c> from the forwarded path
    /// (<c>/api/orders/x</c> → <c>{Destination}/x</c>). Defaults to <c>true</c>.
    /// </summary>
    public bool RemovePrefix { get; set; } = true;

    /// <summary>How long the upstream may stay silent before the call is a 504. Defaults to 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The literal part of <see cref="Path"/> before its first <c>{</c>, without a trailing <c>/</c>.</summary>
    public string Prefix => (Path.IndexOf('{') is var brace and >= 0 ? Path[..brace] : Path).TrimEnd('/');
}
