namespace AuthApi.Sessions;

/// <summary>
/// The provider's access and refresh tokens: the tokens cookie's content, bound to its session by <paramref name="SessionId"/>.
/// The ID token is not here: it is the identity (<see cref="UserSession.IdToken"/>), stored once.
/// </summary>
internal sealed record SessionTokens(
    string SessionId,
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset? AccessTokenExpiresAt,
    string? TokenType,
    string? Scope);
