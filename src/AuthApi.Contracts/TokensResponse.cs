using System.Text.Json.Serialization;

namespace AuthApi.Contracts;

/// <summary><c>GET /me/tokens</c>: only the token kinds <c>Auth:ExposeTokens</c> names; <c>{}</c> when none.</summary>
public sealed record TokensResponse
{
    /// <summary>The ID token (a JWT), when <c>Auth:ExposeTokens</c> names <c>id</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    /// <summary>The access token, when <c>Auth:ExposeTokens</c> names <c>access</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Access { get; init; }

    /// <summary>The refresh token, when <c>Auth:ExposeTokens</c> names <c>refresh</c> and <c>Auth:ExposeRefreshToken</c> is true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Refresh { get; init; }

    /// <summary>When the access token expires, with the access token and when the provider said.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>The access token's type, usually <c>Bearer</c>; with the access token.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenType { get; init; }

    /// <summary>The scopes the provider granted, with the access token and when the provider said.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scope { get; init; }
}
