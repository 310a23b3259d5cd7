namespace AuthApi.Provider;

/// <summary>Reading what providers send.</summary>
internal static class ProviderValues
{
    /// <summary>Null for an empty string: providers send <c>""</c> for a member they do not have.</summary>
    public static string? NullIfEmpty(this string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// The leading <c>[a-z_]</c> run (at most 64 characters) of a provider's <c>error</c> code (RFC 6749 §5.2), so nothing
    /// it sends can inject into a URL or a log line.
    /// </summary>
    public static string SafeErrorCode(string? error) =>
        new([.. (error ?? "").TakeWhile(c => c is (>= 'a' and <= 'z') or '_').Take(64)]);
}
