using System.Text.RegularExpressions;
using FluentValidation;

namespace AuthApi.Options;

/// <summary>Startup checks of the <c>Auth</c> section; every message names its key and says how to fix it.</summary>
internal sealed partial class AuthOptionsValidator : AbstractValidator<AuthOptions>
{
    public static readonly IReadOnlySet<string> TokenKinds = new HashSet<string>(StringComparer.Ordinal) { "id", "access", "refresh" };

    public AuthOptionsValidator()
    {
        RuleFor(o => o.RedirectUri)
            .Must(BeCallbackUrl)
            .WithMessage("Auth:RedirectUri must be an absolute http(s) URL ending in /oauth2callback, e.g. https://app.example.com/oauth2callback.");

        RuleFor(o => o.Providers)
            .NotEmpty()
            .WithMessage("Auth:Providers is empty: configure at least one provider (Auth:Providers:{name}:ServerMetadataUrl, ClientId, ClientSecret) or the flat Auth:ServerMetadataUrl, Auth:ClientId, Auth:ClientSecret.");

        RuleForEach(o => o.Providers.Keys)
            .Must(name => ProviderName().IsMatch(name))
            .WithMessage((_, name) => $"Auth:Providers:{name}: provider names may contain only a-z, 0-9 and '-'; rename it.");

        RuleForEach(o => o.Providers)
            .SetValidator((o, _) => new ProviderOptionsValidator(o.RedirectUri));

        RuleFor(o => o.DefaultProvider)
            .Must((o, name) => name is null || o.Providers.ContainsKey(name))
            .WithMessage(o => $"Auth:DefaultProvider '{o.DefaultProvider}' names no configured provider; use one of: {string.Join(", ", o.Providers.Keys)}.");

        RuleForEach(o => o.ExposeTokens)
            .Must(kind => TokenKinds.Contains(kind))
            .WithMessage((_, kind) => $"Auth:ExposeTokens: unknown token kind '{kind}'; use id, access or refresh.");

        RuleFor(o => o.ExposeRefreshToken)
            .Must((o, confirmed) => confirmed || !o.ExposeTokens.Contains("refresh"))
            .WithMessage("Auth:ExposeTokens names refresh, which hands the refresh token to browser JavaScript: confirm with Auth:ExposeRefreshToken=true, or remove refresh from Auth:ExposeTokens.");

        RuleForEach(o => o.AllowedOrigins)
            .Must(BeOrigin)
            .WithMessage((_, origin) => $"Auth:AllowedOrigins: '{origin}' is not an origin; write scheme://host[:port] with no path, e.g. https://app.example.com.");

        RuleForEach(o => o.AllowedOrigins)
            .Must((o, origin) => !o.UsesHttps || !BeOrigin(origin) || origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || IsLoopback(origin))
            .WithMessage((_, origin) => $"Auth:AllowedOrigins: '{origin}' is http while Auth:RedirectUri is https; serve the SPA over https (only loopback origins may stay http).");

        // An https page cannot call an http service (mixed content), and the cookies would lose Secure: only a loopback
        // AuthApi may stay http beside an https SPA, as browsers treat loopback as a secure context.
        RuleForEach(o => o.AllowedOrigins)
            .Must(origin => !origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .When(o => !o.UsesHttps && BeCallbackUrl(o.RedirectUri) && !IsLoopback(o.RedirectUri))
            .WithMessage((o, origin) => $"Auth:AllowedOrigins: '{origin}' is https while Auth:RedirectUri ({o.RedirectUri}) is http on a host other than loopback; an https page cannot call an http service and the cookies would lose Secure: give Auth:RedirectUri an https URL.");

        RuleFor(o => o.PostLogoutReturnUrl)
            .Must((o, url) => ReturnUrlValidator.IsAllowed(url, o.AllowedOrigins) && System.Text.Ascii.IsValid(url))
            .WithMessage("Auth:PostLogoutReturnUrl must pass the returnUrl checks: a local path such as / or a URL on one of Auth:AllowedOrigins, in ASCII (percent-encode other characters), without '.' or '..' segments or '\\'.");

        RuleForEach(o => o.Providers)
            .Must((o, provider) => provider.Value.PostLogoutReturnUrl is not { } url || (ReturnUrlValidator.IsAllowed(url, o.AllowedOrigins) && System.Text.Ascii.IsValid(url)))
            .WithMessage((_, provider) => $"Auth:Providers:{provider.Key}:PostLogoutReturnUrl must pass the returnUrl checks, like Auth:PostLogoutReturnUrl: a local path such as / or a URL on one of Auth:AllowedOrigins.");

        RuleForEach(o => o.Providers)
            .Must((o, provider) => provider.Value.RedirectUri is null || IsBeneath(o.RedirectUri, provider.Value.RedirectUri))
            .WithMessage((o, provider) => $"Auth:Providers:{provider.Key}:RedirectUri must be Auth:RedirectUri or {o.RedirectUri}/{{segment}} with a segment of a-z, 0-9 and '-', e.g. {o.RedirectUri}/{provider.Key}.");

        RuleFor(o => o.Providers)
            .Must((o, _) => SharedRedirectUri(o) is null)
            .WithMessage(o => $"Auth:Providers: {SharedRedirectUri(o)} share one redirect URI; give each provider its own (Auth:Providers:{{name}}:RedirectUri), so no callback can be taken for another provider's.");

        RuleFor(o => o.ProviderMaxResponseBytes)
            .InclusiveBetween(16 * 1024, 64 * 1024 * 1024)
            .WithMessage("Auth:ProviderMaxResponseBytes must be between 16384 and 67108864 (default 1048576).");

        RuleFor(o => o.RateLimit.PermitsPerMinute)
            .GreaterThanOrEqualTo(0)
            .WithMessage("Auth:RateLimit:PermitsPerMinute must be 0 (no limit) or more, e.g. 60.");

        RuleFor(o => o.RateLimit.BackChannelPermitsPerMinute)
            .GreaterThanOrEqualTo(0)
            .WithMessage("Auth:RateLimit:BackChannelPermitsPerMinute must be 0 (no limit) or more, e.g. 600: a provider may end many sessions at once.");

        RuleFor(o => o.RateLimit.Ipv6PrefixLength)
            .InclusiveBetween(1, 128)
            .WithMessage("Auth:RateLimit:Ipv6PrefixLength must be between 1 and 128 (default 64: a subscriber's /64 counts as one client).");

        RuleForEach(o => o.ForwardedHeaders.KnownNetworks)
            .Must(network => System.Net.IPNetwork.TryParse(network, out _))
            .WithMessage((_, network) => $"Auth:ForwardedHeaders:KnownNetworks: '{network}' is not a network; write CIDR such as 10.0.0.0/8 or 192.168.1.10/32.");

        RuleFor(o => o.LoginTimeout)
            .GreaterThan(TimeSpan.Zero)
            .WithMessage("Auth:LoginTimeout must be positive, e.g. 00:10:00.");

        RuleFor(o => o.ClockSkew)
            .InclusiveBetween(TimeSpan.Zero, TimeSpan.FromMinutes(10))
            .WithMessage("Auth:ClockSkew must be between 00:00:00 and 00:10:00.");

        RuleFor(o => o.RefreshBefore)
            .InclusiveBetween(TimeSpan.Zero, TimeSpan.FromHours(1))
            .WithMessage("Auth:RefreshBefore must be between 00:00:00 and 01:00:00.");

        RuleFor(o => o.ProviderTimeout)
            .InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2))
            .WithMessage("Auth:ProviderTimeout must be between 00:00:00.1 and 00:02:00.");

        RuleFor(o => o.Session.AbsoluteLifetime)
            .GreaterThan(TimeSpan.Zero)
            .WithMessage("Auth:Session:AbsoluteLifetime must be positive, e.g. 30.00:00:00.");

        RuleFor(o => o.Session.IdleTimeout)
            .Must(idle => idle is null || idle > TimeSpan.Zero)
            .WithMessage("Auth:Session:IdleTimeout must be positive (e.g. 00:30:00) or left out to turn it off.");

        RuleFor(o => o.Session.MaxCookieBytes)
            .InclusiveBetween(4096, 64 * 1024)
            .WithMessage("Auth:Session:MaxCookieBytes must be between 4096 and 65536.");

        RuleFor(o => o.Session.MaxStoredBytes)
            .InclusiveBetween(8 * 1024, 1024 * 1024)
            .WithMessage("Auth:Session:MaxStoredBytes must be between 8192 (an ordinary login's session takes 2 to 8 KB in Redis) and 1048576; the default is 65536.");

        RuleFor(o => o.Session.MaxPerUser)
            .InclusiveBetween(1, 10_000)
            .WithMessage("Auth:Session:MaxPerUser must be between 1 and 10000 (the default is 50); raise it for an account many people share, there is no setting without a cap.");

        RuleFor(o => o.Redis)
            .Must(BeRedisConfiguration)
            .WithMessage("Auth:Redis is not a StackExchange.Redis connection string; write host:port with options after commas, e.g. redis:6379,password=secret,ssl=true.");

        RuleFor(o => o.RedisTrustedCaPath)
            .Must((o, _) => o.UsesRedis)
            .When(o => !string.IsNullOrEmpty(o.RedisTrustedCaPath))
            .WithMessage("Auth:RedisTrustedCaPath is set but Auth:Redis is not: give the Redis connection string with ssl=true, e.g. Auth:Redis=redis:6380,ssl=true,user=authapi,password=..., or remove Auth:RedisTrustedCaPath.");

        RuleFor(o => o.RedisTrustedCaPath)
            .Must((o, _) => UsesTls(o.Redis!))
            .When(o => !string.IsNullOrEmpty(o.RedisTrustedCaPath) && o.UsesRedis && BeRedisConfiguration(o.Redis))
            .WithMessage("Auth:RedisTrustedCaPath is set but Auth:Redis does not use TLS, so the CA would check nothing and the password would cross the network in clear: add ssl=true to Auth:Redis.");

        RuleFor(o => o.RedisTrustedCaPath)
            .Must(path => CaProblem(path!) is null)
            .When(o => !string.IsNullOrEmpty(o.RedisTrustedCaPath))
            .WithMessage((_, path) => $"Auth:RedisTrustedCaPath: the file '{path}' {CaProblem(path!)}.");

        RuleFor(o => o.Session.Store)
            .Must((o, store) => store != SessionStoreKind.Redis || o.UsesRedis)
            .WithMessage("Auth:Session:Store is Redis but Auth:Redis is not set: give the Redis connection string, e.g. Auth:Redis=redis:6379, or set Auth:Session:Store=Cookie.");

        RuleForEach(o => o.Proxy.Routes)
            .SetValidator(new ProxyRouteOptionsValidator());

        RuleFor(o => o.Discovery.RefreshInterval)
            .GreaterThanOrEqualTo(TimeSpan.FromSeconds(10))
            .WithMessage("Auth:Discovery:RefreshInterval must be at least 00:00:10.");
    }

    private static bool BeCallbackUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath.EndsWith("/oauth2callback", StringComparison.Ordinal)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0;

    private static bool BeOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/');

    /// <summary>The redirect URI itself, or one more path segment beneath it.</summary>
    private static bool IsBeneath(string redirectUri, string providerRedirectUri) =>
        providerRedirectUri == redirectUri
        || (providerRedirectUri.StartsWith(redirectUri + "/", StringComparison.Ordinal)
            && ProviderName().IsMatch(providerRedirectUri[(redirectUri.Length + 1)..]));

    /// <summary>The names of providers that share a redirect URI, or null when each has its own.</summary>
    private static string? SharedRedirectUri(AuthOptions options) =>
        options.Providers.Keys
            .GroupBy(options.RedirectUriOf, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(group => group.Count() > 1) is { } shared
            ? string.Join(" and ", shared)
            : null;

    private static bool BeRedisConfiguration(string? configuration)
    {
        if (string.IsNullOrEmpty(configuration))
        {
            return true;
        }
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool UsesTls(string configuration) => StackExchange.Redis.ConfigurationOptions.Parse(configuration).Ssl;

    /// <summary>Why the CA file cannot be used (named by its setting and path, never showing its content), or null when it can.</summary>
    private static string? CaProblem(string path)
    {
        using var certificate = RedisTrustedCaFile.TryRead(path, out var problem);
        return problem;
    }

    private static bool IsLoopback(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback;

    [GeneratedRegex("^[a-z0-9-]+$")]
    internal static partial Regex ProviderName();
}
