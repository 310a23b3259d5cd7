using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Infrastructure;

/// <summary>Client private keys written to temporary files, as operators keep them, with the public half a provider registers.</summary>
public sealed class ClientKeys : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("authapi-client-keys-").FullName;

    /// <summary>A new RSA key as a PKCS#8 PEM file (or PKCS#1 with <paramref name="pkcs1"/>); returns the path and the public key.</summary>
    public (string Path, SecurityKey PublicKey) RsaPem(bool pkcs1 = false, int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        return (Write("rsa.pem", pkcs1 ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem()), PublicOf(rsa));
    }

    /// <summary>A new EC key on <paramref name="curve"/> (P-256 by default) as a PKCS#8 PEM file (or SEC1 with <paramref name="sec1"/>).</summary>
    public (string Path, SecurityKey PublicKey) EcPem(bool sec1 = false, ECCurve? curve = null)
    {
        using var ec = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        return (Write("ec.pem", sec1 ? ec.ExportECPrivateKeyPem() : ec.ExportPkcs8PrivateKeyPem()), new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))));
    }

    /// <summary>
    /// A new RSA key and its self-signed certificate in one PEM file, certificate first (an Entra ID certificate credential);
    /// with <paramref name="otherKeysCertificate"/> the certificate is another key's. Returns the path, the public key and the certificate.
    /// </summary>
    public (string Path, SecurityKey PublicKey, X509Certificate2 Certificate) RsaPemWithCertificate(bool otherKeysCertificate = false)
    {
        using var rsa = RSA.Create(2048);
        using var certificateKey = otherKeysCertificate ? RSA.Create(2048) : null;
        var request = new CertificateRequest("CN=authapi-client", certificateKey ?? rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (Write("client.pem", certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem()), PublicOf(rsa), certificate);
    }

    /// <summary>A new RSA key as a JWK file with its private part and <paramref name="kid"/>.</summary>
    public (string Path, SecurityKey PublicKey) RsaJwk(string kid)
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["d"] = Base64UrlEncoder.Encode(p.D),
            ["p"] = Base64UrlEncoder.Encode(p.P),
            ["q"] = Base64UrlEncoder.Encode(p.Q),
            ["dp"] = Base64UrlEncoder.Encode(p.DP),
            ["dq"] = Base64UrlEncoder.Encode(p.DQ),
            ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
        };
        return (Write("rsa.jwk.json", JsonSerializer.Serialize(jwk)), PublicOf(rsa));
    }

    /// <summary>A new EC key on <paramref name="curve"/> as a JWK file with its private part.</summary>
    public string EcJwk(ECCurve curve, string crv)
    {
        using var ec = ECDsa.Create(curve);
        var p = ec.ExportParameters(true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = crv,
            ["x"] = Base64UrlEncoder.Encode(p.Q.X),
            ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
            ["d"] = Base64UrlEncoder.Encode(p.D),
        };
        return Write("ec.jwk.json", JsonSerializer.Serialize(jwk));
    }

    /// <summary>A file with the given text, e.g. something that is no key.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + "-" + name);
        File.WriteAllText(path, text);
        return path;
    }

    public string MissingPath => Path.Combine(_directory, "missing.pem");

    private static RsaSecurityKey PublicOf(RSA rsa) => new(rsa.ExportParameters(false));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
