using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Discovery;

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
    public static ProviderMetadata From(DiscoveryDocumentResponse document, IReadOnlyList<SecurityKey> keys, DateTimeOffset fetchedAt) =>
        new(
            document.Issuer!,
            document.AuthorizeEndpoint!,
            document.TokenEndpoint!,
            NullIfEmpty(document.UserInfoEndpoint),
            NullIfEmpty(document.EndSessionEndpoint),
            NullIfEmpty(document.RevocationEndpoint),
            document.JwksUri!,
            document.AuthorizationResponseIssParameterSupported == true,
            keys,
            fetchedAt);

    /// <summary>The asymmetric keys of a JWKS document; symmetric (<c>oct</c>) keys never verify ID tokens.</summary>
    public static IReadOnlyList<SecurityKey> SigningKeysFrom(string jwksJson) =>
        [.. new JsonWebKeySet(jwksJson).GetSigningKeys().Where(key => key is not SymmetricSecurityKey
            && !(key is JsonWebKey jwk && jwk.Kty == JsonWebAlgorithmsKeyTypes.Octet))];

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
