using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// Back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4) as the test provider signs them, written header and
/// payload text as they are, so a test can make any defect a library would refuse to write.
/// </summary>
public static class LogoutTokens
{
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>The header a provider's logout token has: RS256 with the provider's current key, explicitly typed (§2.4).</summary>
    public const string Header = """{"alg":"RS256","kid":"key-1","typ":"logout+jwt"}""";

    /// <summary>A JWE's five parts (RFC 7516 compact serialization, RSA-OAEP and A256GCM), as an encrypted logout or ID token looks.</summary>
    public const string JweShaped = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";

    /// <summary>A valid token's claims for the user (<c>sub</c>) and/or the provider's session (<c>sid</c>): change them for a defective one.</summary>
    public static Dictionary<string, object> Claims(TestApp app, string? subject, string? sid)
    {
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = app.Provider.Issuer,
            ["aud"] = TestProvider.ClientId,
            ["iat"] = now,
            ["exp"] = now + 120,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["events"] = new Dictionary<string, object> { [Event] = new Dictionary<string, object>() },
        };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }
        if (sid is not null)
        {
            claims["sid"] = sid;
        }
        return claims;
    }

    /// <summary>The claims signed with the provider's current key.</summary>
    public static string Sign(Dictionary<string, object> claims) => SignAsIs(Header, JsonSerializer.Serialize(claims), TestKeys.Current);

    /// <summary>Exactly this header and payload text, signed RS256 with the key.</summary>
    public static string SignAsIs(string header, string payload, RsaSecurityKey key)
    {
        var signingInput = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>Exactly this header and payload text, signed HS256 with the secret.</summary>
    public static string SignWithHmac(string header, string payload, byte[] secret)
    {
        var signingInput = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
        return signingInput + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The form the provider posts to <c>/backchannel-logout</c>.</summary>
    public static FormUrlEncodedContent Form(string logoutToken) => new([new("logout_token", logoutToken)]);
}
