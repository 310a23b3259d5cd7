using System.Text.Json;
using AuthApi.Options;
using AuthApi.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthApi.Provider;

/// <summary>
/// Validates an ID token as OpenID Connect Core §3.1.3.7 asks: what <see cref="ProviderJwtValidator"/> checks of every provider
/// JWT (signature, no <c>crit</c> header, no repeated member, <c>iss</c>, <c>aud</c>, <c>exp</c>, <c>iat</c>), then <c>sub</c>,
/// <c>azp</c>, <c>nonce</c> and, when <c>max_age</c> was sent, <c>auth_time</c>.
/// </summary>
internal sealed class IdTokenValidator(ProviderJwtValidator jwts, IOptions<AuthOptions> options, TimeProvider time)
{
    private const string Kind = "ID token";

    /// <summary>Claims that describe the protocol exchange rather than the user.</summary>
    private static readonly HashSet<string> ProtocolClaims = new(StringComparer.Ordinal) { "nonce", "at_hash", "c_hash" };

    public async Task<IdTokenResult> ValidateAsync(string providerName, ProviderMetadata metadata, string idToken, IdTokenExpectations expected, CancellationToken cancellationToken)
    {
        if (ProviderJwt.TryParse(idToken, Kind, out var unreadable) is not { } jwt)
        {
            return IdTokenResult.Fail(unreadable!);
        }
        if (await jwts.ValidateAsync(providerName, metadata, jwt, Kind, cancellationToken) is { } invalid)
        {
            return IdTokenResult.Fail(invalid);
        }
        return CheckClaims(jwt.Token, options.Value.Providers[providerName].ClientId, expected) is { } problem
            ? IdTokenResult.Fail(problem)
            : IdTokenResult.Success(jwt.Token.Issuer, jwt.Token.Subject, UserClaims(jwt.Payload), jwt.Token.ValidTo);
    }

    private string? CheckClaims(JsonWebToken token, string clientId, IdTokenExpectations expected)
    {
        if (string.IsNullOrEmpty(token.Subject))
        {
            return "the ID token has no sub";
        }
        if (expected.Nonce is not null
            && (!token.TryGetPayloadValue<string>("nonce", out var nonce)
                || nonce is null // "nonce": null
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
        return expected.MaxAge is { } maxAge ? CheckAuthTime(token, maxAge) : null;
    }

    /// <summary>OIDC Core §3.1.3.7 (13): with max_age sent, auth_time is required and must be recent enough.</summary>
    private string? CheckAuthTime(JsonWebToken token, int maxAge)
    {
        if (!token.TryGetPayloadValue<long>("auth_time", out var authTime))
        {
            return "the ID token has no auth_time though max_age was sent";
        }
        return UnixTime.FromSeconds(authTime) is not { } authenticated ? "the ID token's auth_time is no date in seconds"
            : authenticated < time.GetUtcNow() - options.Value.ClockSkew - TimeSpan.FromSeconds(maxAge) ? "the user authenticated longer ago than max_age allows"
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
}
