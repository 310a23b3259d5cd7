using AuthApi.Logging;

namespace AuthApi.Login;

/// <summary>The log lines of logins. None carries a code, token, state, nonce or cookie value.</summary>
internal static partial class LoginLog
{
    [LoggerMessage(EventId = 10, EventName = "LoginStarted", Level = LogLevel.Information, Message = "Login started with provider {Provider}")]
    public static partial void LoginStarted(this ILogger logger, string provider);

    [LoggerMessage(EventId = 11, EventName = "LoginSucceeded", Level = LogLevel.Information, Message = "Login succeeded with provider {Provider}")]
    public static partial void LoginSucceeded(this ILogger logger, string provider);

    [LoggerMessage(EventId = 12, EventName = "LoginFailed", Level = LogLevel.Warning, Message = "Login failed with {ErrorCode} (provider {Provider}): {Reason}")]
    public static partial void LoginFailed(this ILogger logger, string errorCode, string provider, LogText reason);

    [LoggerMessage(EventId = 13, EventName = "SessionTooLarge", Level = LogLevel.Error, Message = "Login with provider {Provider} failed: the session needs {Size} cookie bytes, over Auth:Session:MaxCookieBytes ({Max}). Keep sessions in Redis (Auth:Redis and Auth:Session:Store=Redis: one small cookie whatever the identity's size), or ask the provider for fewer claims (a narrower Auth:Providers:{Provider}:Scope, no group claims in the ID token, Auth:Providers:{Provider}:UseUserInfo=false when userinfo repeats them), or raise Auth:Session:MaxCookieBytes if every proxy in front of AuthApi accepts a Cookie header that large.")]
    public static partial void SessionTooLarge(this ILogger logger, string provider, int size, int max);

    [LoggerMessage(EventId = 87, EventName = "StoredSessionTooLarge", Level = LogLevel.Error, Message = "Login with provider {Provider} failed: the session would take {Size} bytes in Redis, over Auth:Session:MaxStoredBytes ({Max}). Largest claims: {LargestClaims}; access token {AccessTokenBytes} bytes, refresh token {RefreshTokenBytes} bytes. Ask the provider for fewer or smaller claims (a narrower Auth:Providers:{Provider}:Scope, no group claims in the ID token or access token, Auth:Providers:{Provider}:UseUserInfo=false when userinfo repeats them), or raise Auth:Session:MaxStoredBytes: each session costs its size in Redis's memory, up to Auth:Session:MaxPerUser sessions per user.")]
    public static partial void StoredSessionTooLarge(this ILogger logger, string provider, int size, int max, string largestClaims, int accessTokenBytes, int refreshTokenBytes);

    [LoggerMessage(EventId = 14, EventName = "UserInfoUnavailable", Level = LogLevel.Warning, Message = "Userinfo of provider {Provider} is unavailable ({Reason}); the login goes on with the ID token's claims")]
    public static partial void UserInfoUnavailable(this ILogger logger, string provider, LogText reason);

    [LoggerMessage(EventId = 15, EventName = "AppleUserIgnored", Level = LogLevel.Warning, Message = "The user field provider {Provider} posted is not JSON with a name object, or is over {MaxBytes} bytes; the login goes on with the ID token's claims")]
    public static partial void AppleUserIgnored(this ILogger logger, string provider, int maxBytes);

    [LoggerMessage(EventId = 16, EventName = "CallbackFormRefused", Level = LogLevel.Warning, Message = "A POST to the redirect URI was refused with 400 invalid_request: {Reason}")]
    public static partial void CallbackFormRefused(this ILogger logger, LogText reason);
}
