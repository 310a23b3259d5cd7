using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Benchmarks.Infrastructure;

/// <summary>
/// The provider, played in process by the HTTP handler under AuthApi's provider client: discovery and JWKS with a locally
/// generated RSA key, and ID tokens signed with it. No socket is opened, so a benchmark starts fast and measures only AuthApi.
/// </summary>
internal sealed class BenchmarkProvider
{
    public const string Name = "bench";
    public const string Issuer = "https://provider.benchmark.invalid";
    public const string ClientId = "authapi-benchmarks";
    public const string ClientSecret = "benchmark-client-secret";
    public const string MetadataUrl = Issuer + "/.well-known/openid-configuration";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "bench-key" };

    /// <summary>A signed ID token for this client, valid for an hour, as the token endpoint would return it.</summary>
    public string CreateIdToken(string nonce)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["sub"] = SampleSessions.Subject,
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["nonce"] = nonce,
            ["name"] = "Ada Lovelace",
            ["email"] = "ada@example.com",
            ["email_verified"] = true,
        };
        return new JsonWebTokenHandler().CreateToken(
            JsonSerializer.Serialize(payload), new SigningCredentials(_key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>The handler every HttpClient of the benchmark host sends through.</summary>
    public HttpMessageHandler CreateHandler() => new Handler(Discovery(), Jwks());

    private static Dictionary<string, object> Discovery() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["userinfo_endpoint"] = Issuer + "/userinfo",
        ["jwks_uri"] = Issuer + "/jwks",
        ["end_session_endpoint"] = Issuer + "/logout",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    };

    private object Jwks()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        return new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = _key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        };
    }

    /// <summary>Answers the two documents a login needs; anything else is 404, so an unexpected call shows in a failed check.</summary>
    private sealed class Handler(object discovery, object jwks) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            object? body = request.RequestUri?.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => discovery,
                "/jwks" => jwks,
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body) });
        }
    }
}
