using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuthApi.Options;
using AuthApi.Security;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Provider;

/// <summary>
/// How token, refresh and revocation requests prove the client: a secret (basic or post), a signed client assertion (RFC 7523
/// <c>private_key_jwt</c>), Apple's client secret JWT, or nothing but the client ID (a public client, PKCE only).
/// </summary>
internal sealed class ClientAuthentication(TimeProvider time)
{
    /// <summary>How long a client assertion is valid: one request's worth (it carries a fresh <c>jti</c> each time).</summary>
    public static readonly TimeSpan AssertionLifetime = TimeSpan.FromSeconds(60);

    /// <summary>How long an Apple client secret is valid (Apple allows up to 6 months; a short one limits a leak).</summary>
    public static readonly TimeSpan AppleSecretLifetime = TimeSpan.FromHours(1);

    /// <summary>An Apple client secret is replaced once less than this is left, so none expires in flight.</summary>
    public static readonly TimeSpan AppleSecretRenewBefore = TimeSpan.FromMinutes(5);

    public const string AppleAudience = "https://appleid.apple.com";

    private const string Sha256Thumbprint = "x5t#S256";

    private readonly ConcurrentDictionary<string, ClientKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AppleSecret> _appleSecrets = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// The configured method, else the first of basic, post and private_key_jwt that the metadata lists and this client has
    /// the credential for (a missing list means client_secret_basic, OpenID's default); Apple's secret always goes in the body.
    /// </summary>
    public static string? ChooseMethod(ProviderOptions provider, ProviderMetadata metadata)
    {
        if (provider.TokenEndpointAuthMethod is { } configured)
        {
            return configured;
        }
        if (provider.UsesAppleClientSecret)
        {
            return ProviderOptions.ClientSecretPost;
        }
        var listed = metadata.TokenEndpointAuthMethods;
        var hasSecret = !string.IsNullOrEmpty(provider.ClientSecret);
        var hasKey = !string.IsNullOrEmpty(provider.ClientAssertionKeyPath);
        return (hasSecret, hasKey) switch
        {
            (true, _) when listed is null || listed.Contains(ProviderOptions.ClientSecretBasic) => ProviderOptions.ClientSecretBasic,
            (true, _) when listed.Contains(ProviderOptions.ClientSecretPost) => ProviderOptions.ClientSecretPost,
            (_, true) when listed is null || listed.Contains(ProviderOptions.PrivateKeyJwt) => ProviderOptions.PrivateKeyJwt,
            _ => null,
        };
    }

    /// <summary>Sets the request's client credentials; false (and why, without any secret) when it cannot be authenticated.</summary>
    public bool TryApply(string providerName, ProviderOptions provider, ProviderMetadata metadata, ProtocolRequest request, out string? problem)
    {
        problem = null;
        request.ClientId = provider.ClientId;
        request.ClientSecret = null;
        request.ClientAssertion = new ClientAssertion();
        request.ClientCredentialStyle = ClientCredentialStyle.PostBody;
        switch (ChooseMethod(provider, metadata))
        {
            case ProviderOptions.ClientSecretBasic:
                request.ClientSecret = SecretOf(providerName, provider, out problem);
                request.ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader;
                break;
            case ProviderOptions.ClientSecretPost:
                request.ClientSecret = SecretOf(providerName, provider, out problem);
                break;
            case ProviderOptions.PrivateKeyJwt:
                if (KeyOf(providerName, provider.ClientAssertionKeyPath!, provider.ClientAssertionKeyId, "ClientAssertionKeyPath", out problem) is { } key)
                {
                    request.ClientAssertion = new ClientAssertion
                    {
                        Type = OidcConstants.ClientAssertionTypes.JwtBearer,
                        Value = Assertion(provider.ClientId, metadata, key),
                    };
                }
                break;
            case ProviderOptions.PublicClient:
                break;
            default:
                problem = $"the provider's token_endpoint_auth_methods_supported ({string.Join(", ", metadata.TokenEndpointAuthMethods ?? [])}) "
                    + $"lists no method this client has credentials for: set Auth:Providers:{providerName}:TokenEndpointAuthMethod "
                    + "and its credential (ClientSecret or ClientAssertionKeyPath)";
                break;
        }
        return problem is null;
    }

    /// <summary>RFC 7523 §3: iss = sub = client ID, aud = the token endpoint (OpenID Connect Core §9), a fresh jti, a short exp.</summary>
    private string Assertion(string clientId, ProviderMetadata metadata, ClientKey key)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            AdditionalHeaderClaims = key.Certificate is null ? null : new Dictionary<string, object> { [Sha256Thumbprint] = Thumbprint(key.Certificate) },
            Issuer = clientId,
            Audience = metadata.TokenEndpoint,
            IssuedAt = now,
            Expires = now + AssertionLifetime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [JwtRegisteredClaimNames.Jti] = Secrets.NewValue(),
            },
            SigningCredentials = CredentialsOf(key, AlgorithmFor(key.Key, metadata)),
        });
    }

    /// <summary>
    /// Entra ID finds a certificate credential by its thumbprint: <c>x5t#S256</c>, and <c>x5t</c> (SHA-1, which the handler
    /// writes for certificate credentials) for older tenants and AD FS.
    /// </summary>
    private static SigningCredentials CredentialsOf(ClientKey key, string algorithm)
    {
        if (key.Certificate is null)
        {
            return new SigningCredentials(key.Key, algorithm);
        }
        var credentials = new X509SigningCredentials(key.Certificate, algorithm);
        credentials.Key.KeyId = key.Key.KeyId ?? credentials.Key.KeyId;
        return credentials;
    }

    private static string Thumbprint(X509Certificate2 certificate) => Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>ES256 for EC P-256; for RSA, RS256 unless the provider lists PS256 and not RS256.</summary>
    private static string AlgorithmFor(AsymmetricSecurityKey key, ProviderMetadata metadata) =>
        key is ECDsaSecurityKey
            ? SecurityAlgorithms.EcdsaSha256
            : metadata.TokenEndpointAuthSigningAlgorithms is { } algorithms
                && algorithms.Contains(SecurityAlgorithms.RsaSsaPssSha256) && !algorithms.Contains(SecurityAlgorithms.RsaSha256)
                ? SecurityAlgorithms.RsaSsaPssSha256
                : SecurityAlgorithms.RsaSha256;

    private string? SecretOf(string providerName, ProviderOptions provider, out string? problem)
    {
        problem = null;
        return provider.UsesAppleClientSecret ? AppleSecretOf(providerName, provider, out problem) : provider.ClientSecret;
    }

    /// <summary>Apple's client secret: an ES256 JWT from the team's key, kept until shortly before it expires.</summary>
    private string? AppleSecretOf(string providerName, ProviderOptions provider, out string? problem)
    {
        problem = null;
        var now = time.GetUtcNow();
        if (_appleSecrets.TryGetValue(providerName, out var cached) && cached.ExpiresAt - AppleSecretRenewBefore > now)
        {
            return cached.Value;
        }
        if (KeyOf(providerName, provider.AppleKeyPath!, provider.AppleKeyId, "AppleKeyPath", out problem) is not { } key)
        {
            return null;
        }
        var expiresAt = now + AppleSecretLifetime;
        var secret = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = provider.AppleTeamId,
            Audience = AppleAudience,
            IssuedAt = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = provider.ClientId },
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.EcdsaSha256),
        });
        _appleSecrets[providerName] = new AppleSecret(secret, expiresAt);
        return secret;
    }

    /// <summary>The provider's key, read once (the startup check has already read it; a file gone since is named, not shown).</summary>
    private ClientKey? KeyOf(string providerName, string path, string? keyId, string setting, out string? problem)
    {
        problem = null;
        var cacheKey = $"{setting}:{providerName}";
        if (_keys.TryGetValue(cacheKey, out var known))
        {
            return known;
        }
        if (ClientKeyFile.TryRead(path, keyId, out var readProblem) is not { } key)
        {
            problem = $"Auth:Providers:{providerName}:{setting}: the file '{path}' {readProblem}";
            return null;
        }
        return _keys.GetOrAdd(cacheKey, key);
    }

    private sealed record AppleSecret(string Value, DateTimeOffset ExpiresAt);
}
