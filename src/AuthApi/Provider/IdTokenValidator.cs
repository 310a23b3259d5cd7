using System.Text;
using System.Text.Json;
using AuthApi.Options;
using AuthApi.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Provider;

/// <summary>
/// Validates an ID token as OpenID Connect Core §3.1.3.7 asks: signature by a provider key with an
/// allowed algorithm, no <c>crit</c> header, no repeated member, <c>iss</c>, <c>aud</c> (exactly),
/// <c>azp</c>, <c>exp</c>, <c>iat</c>, <c>nonce</c> and, when <c>max_age</c> was sent, <c>auth_time</c>.
/// </summary>
internal sealed class IdTokenValidator(ProviderMetadataCache discovery, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Claims that describe the protocol exchange rather than the user.</summary>
    private static readonly HashSet<string> ProtocolClaims = new(StringComparer.Ordinal) { "nonce", "at_hash", "c_hash" };

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<IdTokenResult> ValidateAsync(string providerName, ProviderMetadata metadata, string idToken, IdTokenExpectations expected, CancellationToken cancellationToken)
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
        // RFC 7515 §4.1.11: a JWS naming extensions in crit must be refused by a recipient that does not understand them.
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return IdTokenResult.Fail("the ID token has a crit header");
        }
        if (Members(token.EncodedHeader) is null || Members(token.EncodedPayload) is not { } payload)
        {
            return IdTokenResult.Fail("the ID token's header or payload is not one JSON object without repeated members");
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
        return CheckClaims(token, provider.ClientId, expected) is { } problem
            ? IdTokenResult.Fail(problem)
            : IdTokenResult.Success(token.Subject, UserClaims(payload), token.ValidTo);
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

    /// <summary>The <c>exp</c>/<c>nbf</c> check on this service's clock (the library's own reads the system clock).</summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + parameters.ClockSkew
            && (notBefore is not { } nbf || nbf <= now + parameters.ClockSkew);
    }

    private string? CheckClaims(JsonWebToken token, string clientId, IdTokenExpectations expected)
    {
        if (string.IsNullOrEmpty(token.Subject))
        {
            return "the ID token has no sub";
        }
        if (expected.Nonce is not null
            && (!token.TryGetPayloadValue<string>("nonce", out var nonce)
                || !Secrets.FixedTimeEquals(nonce, expected.Nonce)))
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
        return expected.MaxAge is { } maxAge ? CheckAuthTime(token, maxAge) : null;
    }

    /// <summary>OIDC Core §3.1.3.7 (13): with max_age sent, auth_time is required and must be recent enough.</summary>
    private string? CheckAuthTime(JsonWebToken token, int maxAge)
    {
        if (!token.TryGetPayloadValue<long>("auth_time", out var authTime))
        {
            return "the ID token has no auth_time though max_age was sent";
        }
        return DateTimeOffset.FromUnixTimeSeconds(authTime).AddSeconds(maxAge) + options.Value.ClockSkew < time.GetUtcNow()
            ? "the user authenticated longer ago than max_age allows"
            : null;
    }

    private static Dictionary<string, JsonElement> UserClaims(Dictionary<string, JsonElement> payload)
    {
        foreach (var claim in ProtocolClaims)
        {
            payload.Remove(claim);
        }
        return payload;
    }

    /// <summary>The members of a base64url JSON part, or null when it is unreadable or repeats a member.</summary>
    private static Dictionary<string, JsonElement>? Members(string encodedPart)
    {
        try
        {
            using var part = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encodedPart));
            return JsonObjects.TryReadMembers(part.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }
}
