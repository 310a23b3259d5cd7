using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthApi.Discovery;
using AuthApi.Options;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tokens;

/// <summary>
/// Validates an ID token as OpenID Connect Core §3.1.3.7 asks: signature by a provider key with an
/// allowed algorithm, <c>iss</c>, <c>aud</c>, <c>azp</c>, <c>exp</c>, <c>iat</c> and <c>nonce</c>.
/// </summary>
internal sealed class IdTokenValidator(ProviderMetadataCache discovery, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Claims that describe the protocol exchange rather than the user.</summary>
    private static readonly HashSet<string> ProtocolClaims = new(StringComparer.Ordinal) { "nonce", "at_hash", "c_hash" };

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <param name="expectedNonce">The login's nonce; null for an ID token from a refresh, which carries none (OIDC Core §12.2).</param>
    public async Task<IdTokenResult> ValidateAsync(string providerName, ProviderMetadata metadata, string idToken, string? expectedNonce, CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return IdTokenResult.Fail("the ID token is not a JWT");
        }

        var keys = metadata.SigningKeys;
        if (token.Kid is { Length: > 0 } kid && !keys.Any(key => key.KeyId == kid))
        {
            // An unknown key ID usually means the provider rotated its keys (OIDC Core §10.1.1).
            keys = await discovery.RefetchSigningKeysAsync(providerName, cancellationToken);
        }

        var provider = options.Value.Providers[providerName];
        var result = await _handler.ValidateTokenAsync(token, Parameters(metadata, provider, keys));
        if (!result.IsValid)
        {
            return IdTokenResult.Fail($"{result.Exception?.GetType().Name}: {result.Exception?.Message}");
        }
        return CheckClaims(token, provider.ClientId, expectedNonce) is { } problem
            ? IdTokenResult.Fail(problem)
            : IdTokenResult.Success(token.Subject, UserClaims(token), token.ValidTo);
    }

    private TokenValidationParameters Parameters(ProviderMetadata metadata, ProviderOptions provider, IReadOnlyList<SecurityKey> keys)
    {
        var algorithms = provider.ResolveIdTokenSigningAlgorithms();
        var signingKeys = algorithms.Any(alg => alg.StartsWith("HS", StringComparison.Ordinal))
            // HMAC ID tokens are signed with the client secret (OIDC Core §10.1), never with a published key.
            ? [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(provider.ClientSecret))]
            : keys;
        return new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = provider.ClientId,
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = options.Value.ClockSkew,
            LifetimeValidator = IsWithinLifetime,
        };
    }

    /// <summary>The <c>exp</c>/<c>nbf</c> check on this service's clock (the library's own reads the system clock).</summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + parameters.ClockSkew
            && (notBefore is not { } nbf || nbf <= now + parameters.ClockSkew);
    }

    private string? CheckClaims(JsonWebToken token, string clientId, string? expectedNonce)
    {
        if (string.IsNullOrEmpty(token.Subject))
        {
            return "the ID token has no sub";
        }
        if (expectedNonce is not null
            && (!token.TryGetPayloadValue<string>("nonce", out var nonce)
                || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expectedNonce))))
        {
            return "the nonce does not match the login's";
        }
        var audiences = token.Audiences.ToList();
        token.TryGetPayloadValue<string>("azp", out var azp);
        if ((audiences.Count > 1 || azp is not null) && azp != clientId)
        {
            return "azp is not this client";
        }
        if (!token.TryGetPayloadValue<long>("iat", out var issuedAt))
        {
            return "the ID token has no iat";
        }
        if (DateTimeOffset.FromUnixTimeSeconds(issuedAt) > time.GetUtcNow() + options.Value.ClockSkew)
        {
            return "the ID token was issued in the future";
        }
        return null;
    }

    private static Dictionary<string, JsonElement> UserClaims(JsonWebToken token)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        return payload.RootElement.EnumerateObject()
            .Where(claim => !ProtocolClaims.Contains(claim.Name))
            .ToDictionary(claim => claim.Name, claim => claim.Value.Clone(), StringComparer.Ordinal);
    }
}

/// <summary>The outcome of ID token validation; <see cref="Error"/> is a reason for the log, never token content.</summary>
internal sealed record IdTokenResult(string? Error, string Subject, Dictionary<string, JsonElement> Claims, DateTimeOffset ExpiresAt)
{
    public bool IsValid => Error is null;

    public static IdTokenResult Success(string subject, Dictionary<string, JsonElement> claims, DateTime expires) =>
        new(null, subject, claims, new DateTimeOffset(expires, TimeSpan.Zero));

    public static IdTokenResult Fail(string error) => new(error, "", [], default);
}
