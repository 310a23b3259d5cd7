using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthApi.Security;

/// <summary>The one place that draws secrets from the CSPRNG and compares them: state, nonce, PKCE verifier, session IDs.</summary>
internal static class Secrets
{
    /// <summary>A fresh value of 256 bits, base64url.</summary>
    public static string NewValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Compares a presented secret with the real one in fixed time, so timing reveals nothing of the real one.</summary>
    public static bool FixedTimeEquals(string presented, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(actual));
}
