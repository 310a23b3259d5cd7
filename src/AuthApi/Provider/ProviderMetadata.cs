using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Provider;

/// <summary>What this service uses of a provider's discovery document, plus its signing keys.</summary>
internal sealed record ProviderMetadata(
    string Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string? UserInfoEndpoint,
    string? EndSessionEndpoint,
    string? RevocationEndpoint,
    string JwksUri,
    bool IssParameterSupported,
    IReadOnlyList<SecurityKey> SigningKeys,
    DateTimeOffset FetchedAt)
{
    private const string PingEndSessionEndpoint = "ping_end_session_endpoint";

    /// <summary>The metadata of a fetched document, or null (with the reason) when it lacks what a login needs.</summary>
    public static ProviderMetadata? TryCreate(DiscoveryDocumentResponse document, DateTimeOffset fetchedAt, out MetadataProblem? problem)
    {
        var keys = TrySigningKeysFrom(document.KeySet?.RawData);
        problem = (document.Issuer, document.AuthorizeEndpoint, document.TokenEndpoint, document.JwksUri, keys) switch
        {
            ({ Length: > 0 }, { Length: > 0 }, { Length: > 0 }, { Length: > 0 }, { Count: > 0 }) => null,
            (_, _, _, _, null or { Count: 0 }) => new(MetadataProblem.InvalidKeys, "no usable signing keys at jwks_uri"),
            _ => new(MetadataProblem.InvalidMetadata, "the document lacks issuer, authorization_endpoint, token_endpoint or jwks_uri"),
        };
        if (problem is not null)
        {
            return null;
        }
        return new(
            document.Issuer!,
            document.AuthorizeEndpoint!,
            document.TokenEndpoint!,
            document.UserInfoEndpoint.NullIfEmpty(),
            // PingFederate names its logout endpoint ping_end_session_endpoint.
            document.EndSessionEndpoint.NullIfEmpty() ?? document.TryGetString(PingEndSessionEndpoint).NullIfEmpty(),
            document.RevocationEndpoint.NullIfEmpty(),
            document.JwksUri!,
            document.AuthorizationResponseIssParameterSupported == true,
            keys!,
            fetchedAt)
        {
            TokenEndpointAuthMethods = NullIfEmpty(document.TryGetStringArray("token_endpoint_auth_methods_supported")),
            TokenEndpointAuthSigningAlgorithms = NullIfEmpty(document.TryGetStringArray("token_endpoint_auth_signing_alg_values_supported")),
        };
    }

    /// <summary><c>token_endpoint_auth_methods_supported</c>, or null when the document has none (OpenID's default: client_secret_basic).</summary>
    public IReadOnlyList<string>? TokenEndpointAuthMethods { get; init; }

    /// <summary><c>token_endpoint_auth_signing_alg_values_supported</c>, or null when the document has none.</summary>
    public IReadOnlyList<string>? TokenEndpointAuthSigningAlgorithms { get; init; }

    private static IReadOnlyList<string>? NullIfEmpty(IEnumerable<string>? values) =>
        values?.ToList() is { Count: > 0 } list ? list : null;

    /// <summary>The asymmetric keys of a JWKS document (symmetric keys never verify ID tokens), or null when it is unreadable.</summary>
    public static IReadOnlyList<SecurityKey>? TrySigningKeysFrom(string? jwksJson)
    {
        if (string.IsNullOrEmpty(jwksJson))
        {
            return null;
        }
        try
        {
            return [.. new JsonWebKeySet(jwksJson).GetSigningKeys().Where(key => key is not SymmetricSecurityKey
                && !(key is JsonWebKey jwk && jwk.Kty == JsonWebAlgorithmsKeyTypes.Octet))];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
