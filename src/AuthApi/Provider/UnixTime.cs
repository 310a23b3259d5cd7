namespace AuthApi.Provider;

/// <summary>A JWT's NumericDate (RFC 7519 §2) as a date, when it is one: a provider that writes milliseconds gives a year past 9999.</summary>
internal static class UnixTime
{
    private static readonly long Earliest = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long Latest = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static DateTimeOffset? FromSeconds(long seconds) =>
        seconds >= Earliest && seconds <= Latest ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
