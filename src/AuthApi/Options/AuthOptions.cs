namespace AuthApi.Options;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Name given to a provider configured flat under <c>Auth</c> (Streamlit's unnamed <c>[auth]</c>).</summary>
    public const string FlatProviderName = "default";

    /// <summary>Absolute URL of this service's <c>/oauth2callback</c>; with several providers each has its own beneath it. Required.</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>The OpenID providers by name (<c>[a-z0-9-]+</c>).</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = [];

    /// <summary>Provider used when <c>/login</c> names none. Defaults to the only provider when there is one.</summary>
    public string? DefaultProvider { get; set; }

    /// <summary>Token kinds <c>/me/tokens</c> returns: <c>id</c>, <c>access</c>, <c>refresh</c>. A string or a list. Defaults to none.</summary>
    public List<string> ExposeTokens { get; set; } = [];

    /// <summary>Second opt-in needed before a listed <c>refresh</c> token is exposed. Defaults to <c>false</c>.</summary>
    public bool ExposeRefreshToken { get; set; }

    /// <summary>SPA origins allowed for CORS (with credentials) and for absolute return URLs. Defaults to none.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Where the user lands after logging out: a local path or a URL on an allowed origin. Defaults to <c>/</c>.</summary>
    public string PostLogoutReturnUrl { get; set; } = "/";

    /// <summary>How long a started login may take to come back. Defaults to 10 minutes.</summary>
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tolerance for the ID token's <c>exp</c> and <c>iat</c>. Defaults to 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Tokens are refreshed when the access token expires within this. Defaults to 1 minute.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a call to a provider (discovery, keys, token, userinfo, revocation) may take. Defaults to 10 seconds.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest body a provider's answer may have; a larger one fails the call. Defaults to 1 MB.</summary>
    public int ProviderMaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// StackExchange.Redis connection string (e.g. <c>redis:6379,password=...</c>): Data Protection keys, ended sessions and the
    /// refresh lock shared by every instance, and the server-side session store when <c>Auth:Session:Store</c> is <c>Redis</c>.
    /// Defaults to none: one instance, keys in <c>Auth:DataProtection:KeysPath</c>.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// A PEM file with the certificate of the CA that signed the Redis server's certificate, for a private CA (a public CA needs
    /// nothing); <c>Auth:Redis</c> must have <c>ssl=true</c>. Defaults to none: the server's certificate must chain to a CA the
    /// machine trusts.
    /// </summary>
    public string? RedisTrustedCaPath { get; set; }

    /// <summary>Several instances share their state through Redis.</summary>
    public bool UsesRedis => !string.IsNullOrEmpty(Redis);

    public SessionOptions Session { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public TrustedProxyOptions ForwardedHeaders { get; set; } = new();

    public ApiDocumentOptions OpenApi { get; set; } = new();

    public DiscoveryOptions Discovery { get; set; } = new();

    public DataProtectionOptions DataProtection { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public ProxyOptions Proxy { get; set; } = new();

    /// <summary>
    /// The redirect URI of a provider: its own <c>RedirectUri</c>, else <c>Auth:RedirectUri</c> when it is the only
    /// provider (as in Streamlit), else <c>{Auth:RedirectUri}/{name}</c>. Distinct providers never share one, so a
    /// callback shows which provider's login it belongs to (RFC 9700 §4.4, mix-up defence).
    /// </summary>
    public string RedirectUriOf(string provider) =>
        Providers[provider].RedirectUri ?? (Providers.Count == 1 ? RedirectUri : $"{RedirectUri}/{provider}");

    /// <summary>What follows <c>/oauth2callback</c> in a provider's redirect URI: "" or "/{segment}".</summary>
    /// <summary>Where users land after <paramref name="provider"/>'s logout: its own <c>PostLogoutReturnUrl</c>, else <c>Auth:PostLogoutReturnUrl</c>.</summary>
    public string PostLogoutReturnUrlOf(string? provider) =>
        provider is not null && Providers.TryGetValue(provider, out var options) && options.PostLogoutReturnUrl is { } url ? url : PostLogoutReturnUrl;

    /// <summary>The provider whose redirect URI ends in <paramref name="callbackPath"/> ("" or "/{segment}"), or null when none or several.</summary>
    public string? ProviderAtCallbackPath(string callbackPath)
    {
        var providers = Providers.Keys.Where(provider => CallbackPathOf(provider) == callbackPath).Take(2).ToList();
        return providers.Count == 1 ? providers[0] : null;
    }

    public string CallbackPathOf(string provider) => RedirectUriOf(provider)[RedirectUri.Length..];

    /// <summary>Cookies are <c>Secure</c> and <c>__Host-</c> prefixed when the redirect URI is https, whatever scheme a request arrives with.</summary>
    public bool UsesHttps => RedirectUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Name of the provider <c>/login</c> uses when the request names none, or null when that is ambiguous.</summary>
    public string? ResolveDefaultProvider() =>
        DefaultProvider ?? (Providers.Count == 1 ? Providers.Keys.First() : null);
}
