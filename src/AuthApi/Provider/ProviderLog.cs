using AuthApi.Logging;

namespace AuthApi.Provider;

/// <summary>The log lines of provider calls. None carries a token, code, secret or key.</summary>
internal static partial class ProviderLog
{
    [LoggerMessage(EventId = 1, EventName = "DiscoveryFetched", Level = LogLevel.Information, Message = "Fetched discovery metadata for provider {Provider}")]
    public static partial void DiscoveryFetched(this ILogger logger, string provider);

    [LoggerMessage(EventId = 2, EventName = "DiscoveryFailedServingStale", Level = LogLevel.Warning, Message = "Discovery for provider {Provider} failed ({Cause}: {Error}); still serving the metadata fetched at {FetchedAt:u} and retrying in the background, so logins go on")]
    public static partial void DiscoveryFailedServingStale(this ILogger logger, string provider, string cause, LogText error, DateTimeOffset fetchedAt);

    [LoggerMessage(EventId = 5, EventName = "DiscoveryFailedWithoutMetadata", Level = LogLevel.Warning, Message = "Discovery for provider {Provider} failed ({Cause}: {Error}); no metadata was ever loaded, so logins with it answer 503 provider_unavailable until a fetch succeeds")]
    public static partial void DiscoveryFailedWithoutMetadata(this ILogger logger, string provider, string cause, LogText error);

    [LoggerMessage(EventId = 6, EventName = "NotAnOpenIdConnectProvider", Level = LogLevel.Error, Message = "Provider {Provider} is not an OpenID Connect provider ({Error}): AuthApi signs users in with OpenID Connect only (discovery and ID tokens), which plain OAuth 2.0 servers such as GitHub do not offer. Check Auth:Providers:{Provider}:ServerMetadataUrl (it must be the provider's .well-known/openid-configuration), or sign in through an OpenID Connect provider that federates this one; logins with it answer 503 provider_unavailable")]
    public static partial void NotAnOpenIdConnectProvider(this ILogger logger, string provider, LogText error);

    [LoggerMessage(EventId = 7, EventName = "UnsupportedIdTokenAlgorithm", Level = LogLevel.Error, Message = "Provider {Provider} cannot be used: {Error}. EdDSA (Ed25519) ID tokens are not supported, since Microsoft.IdentityModel does not verify them on .NET; have the provider sign ID tokens with RS256, PS256 or ES256. Logins with it answer 503 provider_unavailable")]
    public static partial void UnsupportedIdTokenAlgorithm(this ILogger logger, string provider, LogText error);

    [LoggerMessage(EventId = 3, EventName = "SigningKeysRefetched", Level = LogLevel.Information, Message = "Re-fetched signing keys for provider {Provider} after an unknown key ID: {KeyCount} keys")]
    public static partial void SigningKeysRefetched(this ILogger logger, string provider, int keyCount);

    [LoggerMessage(EventId = 4, EventName = "SigningKeysRefetchFailed", Level = LogLevel.Warning, Message = "Re-fetching signing keys for provider {Provider} failed: {Error}")]
    public static partial void SigningKeysRefetchFailed(this ILogger logger, string provider, LogText error);

    [LoggerMessage(EventId = 8, EventName = "ClientAuthenticationUnavailable", Level = LogLevel.Error, Message = "Provider {Provider}: the client cannot authenticate, so the request was not sent: {Problem}")]
    public static partial void ClientAuthenticationUnavailable(this ILogger logger, string provider, LogText problem);
}
