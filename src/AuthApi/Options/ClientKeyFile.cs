using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Options;

/// <summary>
/// Reads a client's private key (<c>ClientAssertionKeyPath</c>, <c>AppleKeyPath</c>): PEM (PKCS#8, PKCS#1 or SEC1) or a JWK
/// JSON file, RSA of at least 2048 bits or EC P-256, with the key's certificate beside it in a PEM file when the provider
/// identifies keys by certificate (Entra ID). Problems name the file's setting, never the key's content.
/// </summary>
internal static class ClientKeyFile
{
    private const int MinimumRsaBits = 2048;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>The key, with <paramref name="keyId"/> (else the JWK's <c>kid</c>) as its ID, or null and why it cannot be used.</summary>
    public static ClientKey? TryRead(string path, string? keyId, out string? problem)
    {
        if (SettingFile.TryReadText(path, out problem) is not { } text)
        {
            return null;
        }
        try
        {
            var isJwk = text.TrimStart().StartsWith('{');
            var key = isJwk ? FromJwk(text) : FromPem(text);
            var certificate = isJwk ? null : CertificateIn(text);
            problem = key switch
            {
                null => "holds no private key: expected a PEM private key (RSA or EC P-256) or a JWK with its private part",
                RsaSecurityKey rsa when rsa.Rsa.KeySize < MinimumRsaBits => $"holds an RSA key of {rsa.Rsa.KeySize} bits: at least {MinimumRsaBits} are needed",
                ECDsaSecurityKey ec when ec.ECDsa.ExportParameters(false).Curve.Oid?.Value != P256Oid => "holds an EC key that is not on the P-256 curve: only ES256 (P-256) is supported",
                _ when certificate is not null && !certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(PublicKeyInfo(key))
                    => "holds a certificate whose public key is not the private key's: put the certificate of this key beside it",
                _ => null,
            };
            if (problem is not null || key is null)
            {
                return null;
            }
            key.KeyId = string.IsNullOrEmpty(keyId) ? key.KeyId : keyId;
            return new ClientKey(key, certificate is null ? null : WithPrivateKey(certificate, key));
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException or JsonException or FormatException or AsnContentException)
        {
            problem = "holds no readable private key: expected a PEM private key (RSA or EC P-256) or a JWK with its private part";
            return null;
        }
    }

    private static AsymmetricSecurityKey? FromPem(string pem)
    {
        var (label, base64) = PemBlocks(pem).FirstOrDefault(block => block.Label != CertificateLabel);
        switch (label)
        {
            case "RSA PRIVATE KEY":
                return RsaFrom(rsa => rsa.ImportFromPem(pem));
            case "EC PRIVATE KEY":
                return EcFrom(ec => ec.ImportFromPem(pem));
            case "PRIVATE KEY":
                var der = Convert.FromBase64String(base64);
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

    /// <summary>The file's certificate (the first, the key's own in a chain), or null when it has none.</summary>
    private static X509Certificate2? CertificateIn(string pem) =>
        PemBlocks(pem).FirstOrDefault(block => block.Label == CertificateLabel) is { Base64: { } base64 }
            ? X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64))
            : null;

    /// <summary>Each PEM block's label and base64 content, in file order.</summary>
    private static List<(string Label, string Base64)> PemBlocks(string pem)
    {
        var blocks = new List<(string, string)>();
        var offset = 0;
        while (PemEncoding.TryFind(pem.AsSpan(offset), out var fields))
        {
            var rest = pem[offset..];
            blocks.Add((rest[fields.Label], rest[fields.Base64Data]));
            offset += fields.Location.End.Value;
        }
        return blocks;
    }

    private static X509Certificate2 WithPrivateKey(X509Certificate2 certificate, AsymmetricSecurityKey key) => key switch
    {
        RsaSecurityKey rsa => certificate.CopyWithPrivateKey(rsa.Rsa),
        ECDsaSecurityKey ec => certificate.CopyWithPrivateKey(ec.ECDsa),
        _ => certificate,
    };

    private static byte[] PublicKeyInfo(AsymmetricSecurityKey key) => key switch
    {
        RsaSecurityKey rsa => rsa.Rsa.ExportSubjectPublicKeyInfo(),
        ECDsaSecurityKey ec => ec.ECDsa.ExportSubjectPublicKeyInfo(),
        _ => [],
    };

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

/// <summary>A client's private key, and its certificate (with that key) when the file holds one: its thumbprint identifies the key to Entra ID.</summary>
internal sealed record ClientKey(AsymmetricSecurityKey Key, X509Certificate2? Certificate);
