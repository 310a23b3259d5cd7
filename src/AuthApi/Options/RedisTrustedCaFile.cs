using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuthApi.Options;

/// <summary>
/// Reads <c>Auth:RedisTrustedCaPath</c>: the first certificate of a PEM file, the CA StackExchange.Redis is told to trust
/// (<c>ConfigurationOptions.TrustIssuer</c>). Startup checks and the connection read it the same way.
/// </summary>
internal static class RedisTrustedCaFile
{
    /// <summary>The file's certificate, or null and why it cannot be used.</summary>
    public static X509Certificate2? TryRead(string path, out string? problem)
    {
        if (SettingFile.TryReadText(path, out problem) is not { } text)
        {
            return null;
        }
        try
        {
            problem = null;
            return X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException)
        {
            problem = "holds no PEM certificate: expected the CA's certificate as -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----";
            return null;
        }
    }
}
