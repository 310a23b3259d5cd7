namespace AuthApi.Sessions;

/// <summary>The provider's tokens: the tokens cookie's content, bound to its session by <paramref name="SessionId"/>.</summary>
internal sealed record SessionTokens(
    string SessionId,
    string? IdToken,
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset? AccessTokenExpiresAt,
    string? TokenType,
    string? Scope);
