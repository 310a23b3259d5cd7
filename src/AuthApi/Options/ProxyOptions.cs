namespace AuthApi.Options;

/// <summary>The <c>Auth:Proxy</c> section: the API proxy (backend for frontend), served by YARP.</summary>
public sealed class ProxyOptions
{
    /// <summary>The proxied routes by name (the name appears in logs, metrics and error details). Defaults to none.</summary>
    public Dictionary<string, ProxyRouteOptions> Routes { get; set; } = [];
}
