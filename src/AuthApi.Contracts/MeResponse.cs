using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthApi.Contracts;

/// <summary><c>GET /me</c>: who is logged in. Anonymous callers get only <c>isLoggedIn: false</c>.</summary>
public sealed record MeResponse
{
    /// <summary>The answer for a caller without a session.</summary>
    public static readonly MeResponse Anonymous = new() { IsLoggedIn = false };

    /// <summary>Whether the caller has a session; every other property is null when not.</summary>
    public required bool IsLoggedIn { get; init; }

    /// <summary>Name of the provider the user logged in with.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Provider { get; init; }

    /// <summary>The provider's subject identifier for the user.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sub { get; init; }

    /// <summary>The user's <c>name</c> claim, when the provider sent one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>The user's <c>email</c> claim, when the provider sent one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }

    /// <summary>Every user claim from the ID token and userinfo; protocol claims (nonce, at_hash, c_hash) removed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? Claims { get; init; }

    /// <summary>When the session started and when it ends.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SessionInfo? Session { get; init; }

    /// <summary>Link that logs this session out (<c>GET /logout?sid=...</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LogoutUrl { get; init; }
}

/// <summary>The session's lifetime.</summary>
/// <param name="IssuedAt">When the user logged in.</param>
/// <param name="ExpiresAt">When the session ends, however active the user is.</param>
/// <param name="IdleExpiresAt">When the session ends without activity; null when there is no idle timeout.</param>
public sealed record SessionInfo(DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? IdleExpiresAt);
