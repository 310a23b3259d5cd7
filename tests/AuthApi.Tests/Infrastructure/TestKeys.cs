using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Infrastructure;

/// <summary>RSA keys for signing test ID tokens, made once per test run (key generation is slow).</summary>
public static class TestKeys
{
    public static readonly RsaSecurityKey Current = Create("key-1");
    public static readonly RsaSecurityKey Rotated = Create("key-2");
    public static readonly RsaSecurityKey Foreign = Create("key-1"); // same kid, other key: a forgery

    private static RsaSecurityKey Create(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>The key's public JWK as the provider's jwks_uri publishes it.</summary>
    public static Dictionary<string, object> PublicJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new()
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
