using FluentValidation;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Options;

/// <summary>Checks one <c>Auth:Providers:{name}</c> entry.</summary>
internal sealed class ProviderOptionsValidator : AbstractValidator<KeyValuePair<string, ProviderOptions>>
{
    /// <param name="redirectUri"><c>Auth:RedirectUri</c>: every provider's redirect URI is it or beneath it, on its scheme and host.</param>
    public ProviderOptionsValidator(string redirectUri = "")
    {
        RuleFor(p => p.Value.Kind)
            .Must(kind => ProviderKinds.All.Contains(kind))
            .WithMessage(p => $"Auth:Providers:{p.Key}:Kind must be one of {string.Join(", ", ProviderKinds.All)} (or be left out for generic): '{p.Value.Kind}' is none of them.");

        RuleFor(p => p.Value.ServerMetadataUrl)
            .Must(BeMetadataUrl)
            .WithMessage(p => $"Auth:Providers:{p.Key}:ServerMetadataUrl must be the provider's https://.../.well-known/openid-configuration URL (http only on loopback)"
                + (ProviderPresets.MetadataUrlPattern(p.Value.Kind) is { } pattern ? $", for {p.Value.Kind}: {pattern}." : "."));

        RuleFor(p => p.Value.ServerMetadataUrl)
            .Must(url => !IsGitHub(url))
            .WithMessage(p => $"Auth:Providers:{p.Key}:ServerMetadataUrl points at GitHub, which is not an OpenID Connect provider: it offers OAuth 2.0 only, with no discovery document and no ID token. Sign in with GitHub through an OpenID Connect provider that federates it (Auth0, Keycloak, Cognito, ...) and configure that one.");

        RuleFor(p => p.Value.ClientId)
            .NotEmpty()
            .WithMessage(p => $"Auth:Providers:{p.Key}:ClientId is required: the client ID registered at the provider.");

        RuleFor(p => p.Value.ClientSecret)
            .NotEmpty()
            .When(p => NeedsClientSecret(p.Value))
            .WithMessage(p => $"Auth:Providers:{p.Key}:ClientSecret is required: the client secret registered at the provider (or set TokenEndpointAuthMethod to private_key_jwt with ClientAssertionKeyPath, or to none for a public client).");

        RuleFor(p => p.Value.Scope)
            .Must(scope => scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
            .WithMessage(p => $"Auth:Providers:{p.Key}:Scope must contain openid, e.g. 'openid profile email'.");

        RuleFor(p => p.Value.TokenEndpointAuthMethod)
            .Must(method => method is null || ProviderOptions.TokenEndpointAuthMethods.Contains(method))
            .WithMessage(p => $"Auth:Providers:{p.Key}:TokenEndpointAuthMethod must be client_secret_basic, client_secret_post, private_key_jwt or none (or be left out to follow the provider's token_endpoint_auth_methods_supported).");

        RuleFor(p => p.Value.ResponseMode)
            .Must(mode => ProviderOptions.ResponseModes.Contains(mode))
            .WithMessage(p => $"Auth:Providers:{p.Key}:ResponseMode must be query or form_post (or be left out for query).");

        // A form_post login cookie must be Secure to be sent with a cross-site POST (SameSite=None); browsers keep Secure
        // cookies only from https, and from http on loopback.
        RuleFor(p => p.Value.RedirectUri ?? redirectUri)
            .Must(BeSecureContext)
            .When(p => p.Value.UsesFormPost)
            .WithMessage(p => $"Auth:Providers:{p.Key}:ResponseMode form_post needs an https redirect URI (http only on loopback): its login cookie is SameSite=None; Secure. Serve AuthApi over https (Auth:RedirectUri), or use ResponseMode query.");

        RuleFor(p => p.Value.ClientAssertionKeyPath)
            .NotEmpty()
            .When(p => p.Value.TokenEndpointAuthMethod == ProviderOptions.PrivateKeyJwt)
            .WithMessage(p => $"Auth:Providers:{p.Key}:ClientAssertionKeyPath is required with private_key_jwt: the path of the PEM or JWK file holding the private key registered at the provider.");

        RuleFor(p => p.Value.ClientAssertionKeyPath)
            .Must((p, path) => KeyProblem(path!, p.Value.ClientAssertionKeyId, apple: false) is null)
            .When(p => !string.IsNullOrEmpty(p.Value.ClientAssertionKeyPath))
            .WithMessage((p, path) => $"Auth:Providers:{p.Key}:ClientAssertionKeyPath: the file '{path}' {KeyProblem(path!, p.Value.ClientAssertionKeyId, apple: false)}.");

        RuleFor(p => p.Value)
            .Must(provider => new[] { provider.AppleTeamId, provider.AppleKeyId, provider.AppleKeyPath }.All(string.IsNullOrEmpty)
                || new[] { provider.AppleTeamId, provider.AppleKeyId, provider.AppleKeyPath }.All(value => !string.IsNullOrEmpty(value)))
            .WithMessage(p => $"Auth:Providers:{p.Key}:AppleTeamId, AppleKeyId and AppleKeyPath go together: set all three (Apple's team ID, the key's ID and the .p8 file) or none.");

        RuleFor(p => p.Value.AppleKeyPath)
            .Must((p, path) => KeyProblem(path!, null, apple: true) is null)
            .When(p => !string.IsNullOrEmpty(p.Value.AppleKeyPath))
            .WithMessage((p, path) => $"Auth:Providers:{p.Key}:AppleKeyPath: the file '{path}' {KeyProblem(path!, null, apple: true)}.");

        RuleFor(p => p.Value.TokenEndpointAuthMethod)
            .Must(method => method is null or ProviderOptions.ClientSecretPost)
            .When(p => p.Value.UsesAppleClientSecret)
            .WithMessage(p => $"Auth:Providers:{p.Key}:TokenEndpointAuthMethod must be client_secret_post (or left out) with AppleKeyPath: Apple takes its client secret JWT only in the form body.");

        RuleFor(p => p.Value.EndSessionEndpoint)
            .Must(url => url is null || BeProviderUrl(url))
            .WithMessage(p => $"Auth:Providers:{p.Key}:EndSessionEndpoint must be the provider's https:// logout URL (http only on loopback).");

        RuleFor(p => p.Value.PostLogoutRedirectUri)
            .Must(url => url is null || Uri.TryCreate(url, UriKind.Absolute, out _))
            .WithMessage(p => $"Auth:Providers:{p.Key}:PostLogoutRedirectUri must be an absolute URL registered at the provider.");

        RuleFor(p => p.Value.AuthorizeParameters)
            .Must(parameters => !parameters.TryGetValue("max_age", out var maxAge) || (maxAge.Length is > 0 and <= 9 && maxAge.All(char.IsAsciiDigit)))
            .WithMessage(p => $"Auth:Providers:{p.Key}:AuthorizeParameters:max_age must be a whole number of seconds.");

        RuleForEach(p => p.Value.AllowedTenants)
            .Must(tenant => tenant.Length > 0 && !tenant.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#'))
            .WithMessage(p => $"Auth:Providers:{p.Key}:AllowedTenants must list tenant IDs (the tokens' tid, e.g. a GUID), or * for any tenant.");

        RuleFor(p => p.Value.DefaultAccessTokenLifetime)
            .GreaterThan(TimeSpan.Zero)
            .WithMessage(p => $"Auth:Providers:{p.Key}:DefaultAccessTokenLifetime must be a positive time span such as 01:00:00: how long the provider's access tokens live when its token response has no expires_in.");

        RuleForEach(p => p.Value.ResolveIdTokenSigningAlgorithms())
            .Must(alg => alg != "none")
            .WithMessage(p => $"Auth:Providers:{p.Key}:IdTokenSigningAlgorithms must not contain 'none': unsigned ID tokens are never accepted.");
    }

    /// <summary>A secret is needed unless another credential is configured: a client assertion key, Apple's key, or none at all.</summary>
    private static bool NeedsClientSecret(ProviderOptions provider) => provider.TokenEndpointAuthMethod switch
    {
        ProviderOptions.PrivateKeyJwt or ProviderOptions.PublicClient => false,
        null => string.IsNullOrEmpty(provider.ClientAssertionKeyPath) && !provider.UsesAppleClientSecret,
        _ => !provider.UsesAppleClientSecret,
    };

    /// <summary>Why the key file cannot sign (named by its setting, never showing its content), or null when it can.</summary>
    private static string? KeyProblem(string path, string? keyId, bool apple)
    {
        var key = ClientKeyFile.TryRead(path, keyId, out var problem);
        return apple && key is not null && key.Key is not ECDsaSecurityKey
            ? "holds an RSA key: Apple's key is a .p8 file with an EC P-256 private key"
            : problem;
    }

    /// <summary>https, or http on loopback; a URL that is no absolute URL passes here, as the redirect URI rules report it.</summary>
    private static bool BeSecureContext(string url) => !Uri.TryCreate(url, UriKind.Absolute, out _) || BeProviderUrl(url);

    private static bool BeMetadataUrl(string url) => BeProviderUrl(url);

    private static bool BeProviderUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    /// <summary>github.com and its subdomains: OAuth 2.0 only (GitHub Actions' OIDC issuer is another host, for workloads).</summary>
    private static bool IsGitHub(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.DnsSafeHost.Equals("github.com", StringComparison.OrdinalIgnoreCase) || uri.DnsSafeHost.EndsWith(".github.com", StringComparison.OrdinalIgnoreCase));

    private static bool IsLoopback(Uri uri) =>
        ProviderOptions.LoopbackHosts.Contains(uri.DnsSafeHost, StringComparer.OrdinalIgnoreCase);
}
