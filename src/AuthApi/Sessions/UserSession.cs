using System.Text.Json;

namespace AuthApi.Sessions;

/// <summary>Who is logged in: the identity cookie's content.</summary>
/// <param name="Id">Random session ID; <c>GET /logout</c> must repeat it, so a cross-site link cannot log anyone out.</param>
/// <param name="Provider">Name of the provider the user logged in with.</param>
/// <param name="Subject">The provider's <c>sub</c> for the user.</param>
/// <param name="Claims">The user's claims from the ID token and userinfo, protocol claims removed.</param>
/// <param name="IssuedAt">When the user logged in.</param>
/// <param name="ExpiresAt">Absolute end of the session.</param>
/// <param name="IdleExpiresAt">End of the session unless the user is seen again; null without an idle timeout.</param>
internal sealed record UserSession(
    string Id,
    string Provider,
    string Subject,
    Dictionary<string, JsonElement> Claims,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? IdleExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt || now >= IdleExpiresAt;

    public string? StringClaim(string name) =>
        Claims.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
