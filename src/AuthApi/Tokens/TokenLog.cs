using AuthApi.Logging;

namespace AuthApi.Tokens;

/// <summary>The log lines of token refreshes (for /me/tokens and the proxy). None carries a token.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(EventId = 40, EventName = "Refreshed", Level = LogLevel.Information, Message = "Refreshed the tokens of a session of provider {Provider}")]
    public static partial void Refreshed(this ILogger logger, string provider);

    [LoggerMessage(EventId = 41, EventName = "RefreshRejected", Level = LogLevel.Information, Message = "Provider {Provider} rejected a session's refresh token (invalid_grant); the session ends")]
    public static partial void RefreshRejected(this ILogger logger, string provider);

    [LoggerMessage(EventId = 42, EventName = "RefreshFailed", Level = LogLevel.Warning, Message = "Refreshing a session's tokens at provider {Provider} failed: {Reason}; the session is kept")]
    public static partial void RefreshFailed(this ILogger logger, string provider, LogText reason);

    [LoggerMessage(EventId = 89, EventName = "RefreshedSessionTooLarge", Level = LogLevel.Warning, Message = "Provider {Provider} refreshed a session's tokens, but they would take the session over {Limit}; the session ends (401 session_ended) rather than keep tokens it cannot refresh again. Ask the provider for smaller tokens (a narrower Auth:Providers:{Provider}:Scope, no group claims in access tokens) or raise {Limit}")]
    public static partial void RefreshedSessionTooLarge(this ILogger logger, string provider, string limit);
}
