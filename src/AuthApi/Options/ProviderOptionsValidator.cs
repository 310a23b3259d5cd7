using FluentValidation;

namespace AuthApi.Options;

/// <summary>Checks one <c>Auth:Providers:{name}</c> entry.</summary>
internal sealed class ProviderOptionsValidator : AbstractValidator<KeyValuePair<string, ProviderOptions>>
{
    public ProviderOptionsValidator()
    {
        RuleFor(p => p.Value.ServerMetadataUrl)
            .Must(BeMetadataUrl)
            .WithMessage(p => $"Auth:Providers:{p.Key}:ServerMetadataUrl must be the provider's https://.../.well-known/openid-configuration URL (http only on loopback).");

        RuleFor(p => p.Value.ServerMetadataUrl)
            .Must(url => !IsGitHub(url))
            .WithMessage(p => $"Auth:Providers:{p.Key}:ServerMetadataUrl points at GitHub, which is not an OpenID Connect provider: it offers OAuth 2.0 only, with no discovery document and no ID token. Sign in with GitHub through an OpenID Connect provider that federates it (Auth0, Keycloak, Cognito, ...) and configure that one.");

        RuleFor(p => p.Value.ClientId)
            .NotEmpty()
            .WithMessage(p => $"Auth:Providers:{p.Key}:ClientId is required: the client ID registered at the provider.");

        RuleFor(p => p.Value.ClientSecret)
            .NotEmpty()
            .WithMessage(p => $"Auth:Providers:{p.Key}:ClientSecret is required: the client secret registered at the provider.");

        RuleFor(p => p.Value.Scope)
            .Must(scope => scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
            .WithMessage(p => $"Auth:Providers:{p.Key}:Scope must contain openid, e.g. 'openid profile email'.");

        RuleFor(p => p.Value.TokenEndpointAuthMethod)
            .Must(method => method is ProviderOptions.ClientSecretBasic or ProviderOptions.ClientSecretPost)
            .WithMessage(p => $"Auth:Providers:{p.Key}:TokenEndpointAuthMethod must be client_secret_basic or client_secret_post.");

        RuleFor(p => p.Value.PostLogoutRedirectUri)
            .Must(url => url is null || Uri.TryCreate(url, UriKind.Absolute, out _))
            .WithMessage(p => $"Auth:Providers:{p.Key}:PostLogoutRedirectUri must be an absolute URL registered at the provider.");

        RuleFor(p => p.Value.AuthorizeParameters)
            .Must(parameters => !parameters.TryGetValue("max_age", out var maxAge) || (maxAge.Length is > 0 and <= 9 && maxAge.All(char.IsAsciiDigit)))
            .WithMessage(p => $"Auth:Providers:{p.Key}:AuthorizeParameters:max_age must be a whole number of seconds.");

        RuleFor(p => p.Value.DefaultAccessTokenLifetime)
            .GreaterThan(TimeSpan.Zero)
            .WithMessage(p => $"Auth:Providers:{p.Key}:DefaultAccessTokenLifetime must be a positive time span such as 01:00:00: how long the provider's access tokens live when its token response has no expires_in.");

        RuleForEach(p => p.Value.ResolveIdTokenSigningAlgorithms())
            .Must(alg => alg != "none")
            .WithMessage(p => $"Auth:Providers:{p.Key}:IdTokenSigningAlgorithms must not contain 'none': unsigned ID tokens are never accepted.");
    }

    private static bool BeMetadataUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    /// <summary>github.com and its subdomains: OAuth 2.0 only (GitHub Actions' OIDC issuer is another host, for workloads).</summary>
    private static bool IsGitHub(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.DnsSafeHost.Equals("github.com", StringComparison.OrdinalIgnoreCase) || uri.DnsSafeHost.EndsWith(".github.com", StringComparison.OrdinalIgnoreCase));

    private static bool IsLoopback(Uri uri) =>
        ProviderOptions.LoopbackHosts.Contains(uri.DnsSafeHost, StringComparer.OrdinalIgnoreCase);
}
