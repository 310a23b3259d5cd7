namespace AuthApi.Options;

/// <summary>The <c>Auth:ForwardedHeaders</c> section: which proxies may tell the service the client's address and scheme.</summary>
public sealed class TrustedProxyOptions
{
    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of the reverse proxies whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are honoured; a list or one comma-separated string. Defaults to none: the headers are ignored.
    /// </summary>
    public List<string> KnownNetworks { get; set; } = [];
}
