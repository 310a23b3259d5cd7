using AuthApi.Logging;

namespace AuthApi.Logout;

/// <summary>The log lines of logouts. None carries a token or cookie value.</summary>
internal static partial class LogoutLog
{
    [LoggerMessage(EventId = 20, EventName = "LoggedOut", Level = LogLevel.Information, Message = "Logged out a session of provider {Provider}; provider logout: {AtProvider}")]
    public static partial void LoggedOut(this ILogger logger, string provider, bool atProvider);

    [LoggerMessage(EventId = 21, EventName = "RevocationFailed", Level = LogLevel.Warning, Message = "Revoking the refresh token at provider {Provider} failed: {Error}; the logout goes on")]
    public static partial void RevocationFailed(this ILogger logger, string provider, LogText error);

    [LoggerMessage(EventId = 22, EventName = "LogoutTokenRefused", Level = LogLevel.Warning, Message = "Refused a back-channel logout of provider {Provider}: {Reason}; no session was ended")]
    public static partial void LogoutTokenRefused(this ILogger logger, string provider, LogText reason);

    [LoggerMessage(EventId = 23, EventName = "BackChannelLoggedOut", Level = LogLevel.Information, Message = "Back-channel logout of provider {Provider} ended {SessionCount} session(s), found by {FoundBy}")]
    public static partial void BackChannelLoggedOut(this ILogger logger, string provider, int sessionCount, string foundBy);
}
