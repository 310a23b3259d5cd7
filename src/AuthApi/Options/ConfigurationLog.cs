namespace AuthApi.Options;

/// <summary>The log lines of the configuration check. They name keys, never values.</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(EventId = 60, EventName = "MistypedConfigurationKey", Level = LogLevel.Warning, Message = "{Key} is not a setting of AuthApi and is ignored: did you mean {ClosestKey}?")]
    public static partial void MistypedConfigurationKey(this ILogger logger, string key, string closestKey);

    [LoggerMessage(EventId = 61, EventName = "UnknownConfigurationKey", Level = LogLevel.Warning, Message = "{Key} is not a setting of this version of AuthApi and is ignored (README.md lists the settings)")]
    public static partial void UnknownConfigurationKey(this ILogger logger, string key);
}
