using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Options;

/// <summary>
/// Reads a client's private key (<c>ClientAssertionKeyPath</c>, <c>AppleKeyPath</c>): PEM (PKCS#8, PKCS#1 or SEC1) or a JWK
/// JSON file, RSA of at least 2048 bits or EC P-256. Problems name the file's setting, never the key's content.
/// </summary>
internal static class ClientKeyFile
{
    private const int MinimumRsaBits = 2048;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The key, with <paramref name="keyId"/> (else the JWK's <c>kid</c>) as its ID, or null and why it cannot be used.</summary>
    public static AsymmetricSecurityKey? TryRead(string path, string? keyId, out string? problem)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"cannot be read ({exception.GetType().Name})";
            return null;
        }
        try
        {
            var key = text.TrimStart().StartsWith('{') ? FromJwk(text) : FromPem(text);
            problem = key switch
            {
                null => "holds no private key: expected a PEM private key (RSA or EC P-256) or a JWK with its private part",
                RsaSecurityKey rsa when rsa.Rsa.KeySize < MinimumRsaBits => $"holds an RSA key of {rsa.Rsa.KeySize} bits: at least {MinimumRsaBits} are needed",
                ECDsaSecurityKey ec when ec.ECDsa.ExportParameters(false).Curve.Oid?.Value != P256Oid => "holds an EC key that is not on the P-256 curve: only ES256 (P-256) is supported",
                _ => null,
            };
            if (problem is not null || key is null)
            {
                return null;
            }
            key.KeyId = string.IsNullOrEmpty(keyId) ? key.KeyId : keyId;
            return key;
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException or JsonException or FormatException or AsnContentException)
        {
            problem = "holds no readable private key: expected a PEM private key (RSA or EC P-256) or a JWK with its private part";
            return null;
        }
    }

    private static AsymmetricSecurityKey? FromPem(string pem)
    {
        var label = PemEncoding.TryFind(pem, out var fields) ? pem[fields.Label] : null;
        switch (label)
        {
            case "RSA PRIVATE KEY":
                return RsaFrom(rsa => rsa.ImportFromPem(pem));
            case "EC PRIVATE KEY":
                return EcFrom(ec => ec.ImportFromPem(pem));
            case "PRIVATE KEY":
                var der = Convert.FromBase64String(pem[fields.Base64Data]);
                var algorithm = Pkcs8Algorithm(der);
                return algorithm switch
                {
                    "1.2.840.113549.1.1.1" => RsaFrom(rsa => rsa.ImportPkcs8PrivateKey(der, out _)),
                    "1.2.840.10045.2.1" => EcFrom(ec => ec.ImportPkcs8PrivateKey(der, out _)),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>The algorithm OID of a PKCS#8 PrivateKeyInfo (RSA or EC).</summary>
    private static string? Pkcs8Algorithm(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var info = reader.ReadSequence();
        info.ReadInteger();
        return info.ReadSequence().ReadObjectIdentifier();
    }

    private static AsymmetricSecurityKey? FromJwk(string json)
    {
        var jwk = new JsonWebKey(json);
        if (string.IsNullOrEmpty(jwk.D))
        {
            return null;
        }
        AsymmetricSecurityKey? key = jwk.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA => RsaFrom(rsa => rsa.ImportParameters(new RSAParameters
            {
                Modulus = Base64UrlEncoder.DecodeBytes(jwk.N),
                Exponent = Base64UrlEncoder.DecodeBytes(jwk.E),
                D = Base64UrlEncoder.DecodeBytes(jwk.D),
                P = Base64UrlEncoder.DecodeBytes(jwk.P),
                Q = Base64UrlEncoder.DecodeBytes(jwk.Q),
                DP = Base64UrlEncoder.DecodeBytes(jwk.DP),
                DQ = Base64UrlEncoder.DecodeBytes(jwk.DQ),
                InverseQ = Base64UrlEncoder.DecodeBytes(jwk.QI),
            })),
            JsonWebAlgorithmsKeyTypes.EllipticCurve when jwk.Crv == JsonWebKeyECTypes.P256 => EcFrom(ec => ec.ImportParameters(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.X), Y = Base64UrlEncoder.DecodeBytes(jwk.Y) },
                D = Base64UrlEncoder.DecodeBytes(jwk.D),
            })),
            _ => null,
        };
        if (key is not null)
        {
            key.KeyId = jwk.Kid;
        }
        return key;
    }

    private static RsaSecurityKey RsaFrom(Action<RSA> import)
    {
        var rsa = RSA.Create();
        import(rsa);
        return new RsaSecurityKey(rsa);
    }

    private static ECDsaSecurityKey EcFrom(Action<ECDsa> import)
    {
        var ec = ECDsa.Create();
        import(ec);
        return new ECDsaSecurityKey(ec);
    }
}
