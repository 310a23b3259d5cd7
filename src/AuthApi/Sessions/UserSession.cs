using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthApi.Sessions;

/// <summary>Who is logged in: the identity cookie's content (with the Redis store, the identity field of the session's hash).</summary>
/// <param name="Id">Random session ID; <c>GET /logout</c> must repeat it, so a cross-site link cannot log anyone out.</param>
/// <param name="Provider">Name of the provider the user logged in with.</param>
/// <param name="Subject">The provider's <c>sub</c> for the user.</param>
/// <param name="IdToken">The ID token of the login, stored once: its payload is the claims, the whole of it the <c>id_token_hint</c>.</param>
/// <param name="UserInfoClaims">Claims only userinfo had (the ID token wins where both have one); null when none.</param>
/// <param name="IssuedAt">When the user logged in.</param>
/// <param name="ExpiresAt">Absolute end of the session.</param>
/// <param name="IdleExpiresAt">End of the session unless the user is seen again; null without an idle timeout.</param>
internal sealed record UserSession(
    string Id,
    string Provider,
    string Subject,
    SessionIdToken IdToken,
    Dictionary<string, JsonElement>? UserInfoClaims,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? IdleExpiresAt)
{
    /// <summary>Claims that describe the protocol exchange rather than the user: in the stored token, never shown.</summary>
    private static readonly string[] ProtocolClaims = ["nonce", "at_hash", "c_hash"];

    // Parsed once per instance: the cookie cache hands the same instance to every request with that cookie, and `with`
    // (an idle slide) copies it along.
    private Dictionary<string, JsonElement>? _claims;

    /// <summary>The user's claims: the ID token's payload, protocol claims removed, and what only userinfo had.</summary>
    [JsonIgnore]
    public Dictionary<string, JsonElement> Claims => _claims ??= ParseClaims();

    /// <summary>The issuer of the ID token (its <c>iss</c>, validated at login, so always there).</summary>
    [JsonIgnore]
    public string Issuer => UserKey.IssuerOf(StringClaim("iss") ?? "");

    /// <summary>Whose session this is: what groups a user's sessions.</summary>
    [JsonIgnore]
    public UserKey User => new(Provider, Issuer, Subject);

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt || now >= IdleExpiresAt;

    public string? StringClaim(string name) =>
        Claims.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Dictionary<string, JsonElement> ParseClaims()
    {
        var claims = JsonSerializer.Deserialize(IdToken.Payload, SessionCookieJson.Compact.DictionaryStringJsonElement) ?? [];
        foreach (var name in ProtocolClaims)
        {
            claims.Remove(name);
        }
        foreach (var (name, value) in UserInfoClaims ?? [])
        {
            claims.TryAdd(name, value);
        }
        BooleanClaims.Normalize(claims);
        return claims;
    }
}
