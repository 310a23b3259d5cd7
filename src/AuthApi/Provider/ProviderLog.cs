namespace AuthApi.Provider;

/// <summary>The log lines of provider calls. None carries a token, code, secret or key.</summary>
internal static partial class ProviderLog
{
    [LoggerMessage(EventId = 1, EventName = "DiscoveryFetched", Level = LogLevel.Information, Message = "Fetched discovery metadata for provider {Provider}")]
    public static partial void DiscoveryFetched(this ILogger logger, string provider);

    [LoggerMessage(EventId = 2, EventName = "DiscoveryFailed", Level = LogLevel.Warning, Message = "Discovery for provider {Provider} failed ({Error}); serving the previous metadata: {HasStale}")]
    public static partial void DiscoveryFailed(this ILogger logger, string provider, string error, bool hasStale);

    [LoggerMessage(EventId = 3, EventName = "SigningKeysRefetched", Level = LogLevel.Information, Message = "Re-fetched signing keys for provider {Provider} after an unknown key ID: {KeyCount} keys")]
    public static partial void SigningKeysRefetched(this ILogger logger, string provider, int keyCount);

    [LoggerMessage(EventId = 4, EventName = "SigningKeysRefetchFailed", Level = LogLevel.Warning, Message = "Re-fetching signing keys for provider {Provider} failed: {Error}")]
    public static partial void SigningKeysRefetchFailed(this ILogger logger, string provider, string error);
}
