using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Sessions;

/// <summary>
/// The session's ID token, stored once: its payload as the JSON the provider signed (which is also what <c>/me</c> shows as
/// claims) beside the header and signature, so the exact token comes back for <c>id_token_hint</c> and <c>/me/tokens</c>.
/// The payload is kept decoded because base64url inside an encrypted, base64url-encoded cookie would cost 16/9 of it.
/// </summary>
/// <param name="Header">The token's first segment, as received.</param>
/// <param name="Payload">The decoded payload: the provider's JSON, validated at login.</param>
/// <param name="Signature">The token's last segment, as received.</param>
/// <param name="PayloadSegment">The payload segment as received, kept only when encoding <paramref name="Payload"/> again would not give it back (bytes that are not UTF-8, which validation refuses today: a guard, never a broken id_token_hint).</param>
internal sealed record SessionIdToken(string Header, string Payload, string Signature, string? PayloadSegment = null)
{
    /// <summary>Splits a compact JWS the provider sent and login validated; throws on any other shape.</summary>
    public static SessionIdToken From(string compact)
    {
        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("An ID token is a compact JWS of three segments.");
        }
        // The decoder ID token validation used: what it read, this reads.
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var exact = Encode(payload) == parts[1];
        return new SessionIdToken(parts[0], payload, parts[2], exact ? null : parts[1]);
    }

    /// <summary>The token exactly as the provider sent it.</summary>
    public string ToCompact() => string.Concat(Header, ".", PayloadSegment ?? Encode(Payload), ".", Signature);

    private static string Encode(string payload) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload));
}
