using System.Text;
using AuthApi.Options;
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
    string? JwksUri,
    bool IssParameterSupported,
    IReadOnlyList<string> IdTokenSigningAlgorithms,
    IReadOnlyList<SecurityKey> SigningKeys,
    DateTimeOffset FetchedAt)
{
    private const string PingEndSessionEndpoint = "ping_end_session_endpoint";

    /// <summary>Microsoft.IdentityModel verifies no HMAC signature with a key under 256 bits.</summary>
    private const int MinHmacKeyBytes = 32;

    /// <summary>The metadata of a fetched document, or null (with the reason) when it lacks what a login needs.</summary>
    public static ProviderMetadata? TryCreate(DiscoveryDocumentResponse document, ProviderOptions provider, DateTimeOffset fetchedAt, out MetadataProblem? problem)
    {
        // The library's accessors throw on a string that is not valid UTF-16 (an escaped lone surrogate), when a login reads it.
        if (document.Json is { } json && !JsonObjects.HasValidText(json))
        {
            problem = new(MetadataProblem.InvalidMetadata, "the document holds text that is not valid UTF-16");
            return null;
        }
        var advertised = document.IdTokenSigningAlgorithmsSupported?.ToList() ?? [];
        // A provider that signs with the client secret only (HS256) needs no published key, and may publish none.
        var secretOnly = provider.VerifiesWithClientSecretOnly(advertised);
        var keys = TrySigningKeysFrom(document.KeySet?.RawData) ?? (secretOnly ? [] : null);
        problem = string.IsNullOrEmpty(document.Issuer) || string.IsNullOrEmpty(document.AuthorizeEndpoint) || (!secretOnly && string.IsNullOrEmpty(document.JwksUri))
            ? new(MetadataProblem.NotOpenIdConnect, "the document lacks issuer, authorization_endpoint or jwks_uri")
            : string.IsNullOrEmpty(document.TokenEndpoint) ? new(MetadataProblem.InvalidMetadata, "the document lacks token_endpoint")
            : UnsupportedAlgorithms(provider, advertised) is { } unsupported ? new(MetadataProblem.UnsupportedAlgorithm, unsupported)
            : !secretOnly && keys is not { Count: > 0 } ? new(MetadataProblem.InvalidKeys, "no usable signing keys at jwks_uri")
            : secretOnly && Encoding.UTF8.GetByteCount(provider.ClientSecret) < MinHmacKeyBytes ? new(MetadataProblem.InvalidMetadata,
                $"the provider signs ID tokens with the client secret only ({string.Join(", ", advertised)}), and a client secret that short cannot verify them: it must be at least {MinHmacKeyBytes} bytes")
            : null;
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
            document.JwksUri.NullIfEmpty(),
            document.AuthorizationResponseIssParameterSupported == true,
            advertised,
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

    /// <summary>
    /// Why none of the algorithms the provider lists for ID tokens can be verified, or null. EdDSA (Ed25519) is not among them:
    /// Microsoft.IdentityModel does not verify it, and this service writes no signature code of its own.
    /// </summary>
    private static string? UnsupportedAlgorithms(ProviderOptions provider, IReadOnlyList<string> advertised)
    {
        var accepted = provider.ResolveIdTokenSigningAlgorithms(advertised);
        if (provider.IdTokenSigningAlgorithms is { Count: > 0 } || advertised.Count == 0 || advertised.Any(accepted.Contains))
        {
            return null;
        }
        return $"the provider signs ID tokens with {string.Join(", ", advertised)} only, and AuthApi verifies {string.Join(", ", accepted)}"
            + (advertised.Contains("EdDSA") ? " (EdDSA is not supported)" : "");
    }

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
