using System.Text;
using AuthApi.Options;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Provider;

/// <summary>
/// What every JWT a provider signs for this client must pass, ID tokens (OIDC Core §3.1.3.7) and logout tokens (Back-Channel
/// Logout 1.0 §2.6) alike: a signature by a provider key with an allowed algorithm (never <c>none</c>; HMAC only with the
/// client secret, and only when configured or when the provider's metadata lists HMAC algorithms only), the provider's
/// <c>iss</c>, this client in <c>aud</c> exactly, <c>exp</c> and <c>iat</c> on this service's clock within
/// <c>Auth:ClockSkew</c>. An unknown <c>kid</c> causes one JWKS re-fetch (none for a provider that signs with the secret).
/// </summary>
internal sealed class ProviderJwtValidator(ProviderMetadataCache discovery, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Null when the token passes, else the reason (for the log, never token content).</summary>
    /// <param name="kind">Names the token in the reason ("ID token").</param>
    public async Task<string?> ValidateAsync(string providerName, ProviderMetadata metadata, ProviderJwt jwt, string kind, CancellationToken cancellationToken)
    {
        var provider = options.Value.Providers[providerName];
        var keys = metadata.SigningKeys;
        if (jwt.Token.Kid is { Length: > 0 } kid && !keys.Any(key => key.KeyId == kid) && !provider.VerifiesWithClientSecretOnly(metadata.IdTokenSigningAlgorithms))
        {
            // An unknown key ID usually means the provider rotated its keys (OIDC Core §10.1.1).
            keys = await discovery.RefetchSigningKeysAsync(providerName, cancellationToken);
        }

        var result = await _handler.ValidateTokenAsync(jwt.Token, Parameters(metadata, provider, keys));
        if (!result.IsValid)
        {
            return $"{result.Exception?.GetType().Name}: {result.Exception?.Message}";
        }
        if (!jwt.Token.TryGetPayloadValue<long>("iat", out var issuedAt))
        {
            return $"the {kind} has no iat";
        }
        return UnixTime.FromSeconds(issuedAt) is not { } issued ? $"the {kind}'s iat is no date in seconds"
            : issued > time.GetUtcNow() + options.Value.ClockSkew ? $"the {kind} was issued in the future"
            : null;
    }

    private TokenValidationParameters Parameters(ProviderMetadata metadata, ProviderOptions provider, IReadOnlyList<SecurityKey> keys)
    {
        var algorithms = provider.ResolveIdTokenSigningAlgorithms(metadata.IdTokenSigningAlgorithms);
        var signingKeys = algorithms.Any(ProviderOptions.IsHmac)
            // HMAC tokens are signed with the client secret (OIDC Core §10.1), never with a published key.
            ? [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(provider.ClientSecret))]
            : keys;
        return new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            // Google documents its ID tokens' iss as https://accounts.google.com or accounts.google.com (no scheme).
            ValidIssuers = provider.Kind == ProviderKinds.Google ? [new Uri(metadata.Issuer).Authority] : null,
            IssuerValidator = TenantIssuer.IsTemplate(metadata.Issuer) ? TenantIssuerValidator(metadata.Issuer, provider.AllowedTenants) : null,
            ValidAudience = provider.ClientId,
            IgnoreTrailingSlashWhenValidatingAudience = false,
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = options.Value.ClockSkew,
            LifetimeValidator = IsWithinLifetime,
        };
    }

    /// <summary>A multi-tenant issuer: the token's <c>iss</c> is the template filled with its own <c>tid</c>, an allowed tenant.</summary>
    private static IssuerValidator TenantIssuerValidator(string template, IReadOnlyList<string> allowedTenants) => (issuer, token, _) =>
    {
        var tenant = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        return TenantIssuer.IsAllowed(template, issuer, tenant, allowedTenants)
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("The token's issuer is not the issuer template filled with an allowed tid");
    };

    /// <summary>The <c>exp</c>/<c>nbf</c> check on this service's clock (the library's own reads the system clock).</summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + parameters.ClockSkew
            && (notBefore is not { } nbf || nbf <= now + parameters.ClockSkew);
    }
}
