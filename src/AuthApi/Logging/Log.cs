namespace AuthApi.Logging;

/// <summary>Every log line the service writes. None carries a token, code, secret or cookie value.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Fetched discovery metadata for provider {Provider}")]
    public static partial void DiscoveryFetched(ILogger logger, string provider);

    [LoggerMessage(2, LogLevel.Warning, "Discovery for provider {Provider} failed ({Error}); serving the previous metadata: {HasStale}")]
    public static partial void DiscoveryFailed(ILogger logger, string provider, string error, bool hasStale);

    [LoggerMessage(3, LogLevel.Information, "Re-fetched signing keys for provider {Provider} after an unknown key ID: {KeyCount} keys")]
    public static partial void SigningKeysRefetched(ILogger logger, string provider, int keyCount);

    [LoggerMessage(4, LogLevel.Warning, "Re-fetching signing keys for provider {Provider} failed: {Error}")]
    public static partial void SigningKeysRefetchFailed(ILogger logger, string provider, string error);

    [LoggerMessage(10, LogLevel.Information, "Login started with provider {Provider}")]
    public static partial void LoginStarted(ILogger logger, string provider);

    [LoggerMessage(11, LogLevel.Information, "Login succeeded with provider {Provider}")]
    public static partial void LoginSucceeded(ILogger logger, string provider);

    [LoggerMessage(12, LogLevel.Warning, "Login failed with {ErrorCode} (provider {Provider}): {Reason}")]
    public static partial void LoginFailed(ILogger logger, string errorCode, string provider, string reason);

    [LoggerMessage(14, LogLevel.Warning, "Userinfo of provider {Provider} is unavailable ({Reason}); the login goes on with the ID token's claims")]
    public static partial void UserInfoUnavailable(ILogger logger, string provider, string reason);

    [LoggerMessage(13, LogLevel.Error, "Login with provider {Provider} failed: the session needs {Size} cookie bytes, over Auth:Session:MaxCookieBytes ({Max}). Turn on the Redis session store (Auth:Session:Store=Redis) or ask the provider for fewer claims (e.g. a narrower Scope, no group claims in the ID token).")]
    public static partial void SessionTooLarge(ILogger logger, string provider, int size, int max);

    [LoggerMessage(20, LogLevel.Information, "Logged out a session of provider {Provider}; provider logout: {AtProvider}")]
    public static partial void LoggedOut(ILogger logger, string provider, bool atProvider);

    [LoggerMessage(21, LogLevel.Warning, "Revoking the refresh token at provider {Provider} failed: {Error}; the logout goes on")]
    public static partial void RevocationFailed(ILogger logger, string provider, string error);

    [LoggerMessage(40, LogLevel.Information, "Refreshed the tokens of a session of provider {Provider}")]
    public static partial void Refreshed(ILogger logger, string provider);

    [LoggerMessage(41, LogLevel.Information, "Provider {Provider} rejected a session's refresh token (invalid_grant); the session ends")]
    public static partial void RefreshRejected(ILogger logger, string provider);

    [LoggerMessage(42, LogLevel.Warning, "Refreshing a session's tokens at provider {Provider} failed: {Reason}; the session is kept")]
    public static partial void RefreshFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(31, LogLevel.Information, "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    public static partial void RequestFinished(ILogger logger, string method, PathString path, int statusCode, double elapsedMs);

    [LoggerMessage(32, LogLevel.Warning, "A request arrived over http from {RemoteAddress} while Auth:RedirectUri is https: if a TLS-terminating proxy sends it, list the proxy's network in Auth:ForwardedHeaders:KnownNetworks so the client's address and scheme are known")]
    public static partial void HttpFromUnlistedProxy(ILogger logger, string remoteAddress);

    [LoggerMessage(33, LogLevel.Debug, "Rate limited {Path} for a client IP: over Auth:RateLimit:PermitsPerMinute")]
    public static partial void RateLimited(ILogger logger, PathString path);

    [LoggerMessage(30, LogLevel.Error, "Unhandled exception on {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, string method, string path, Exception exception);
}
