namespace AuthApi.Discovery;

/// <summary>The named <see cref="HttpClient"/> every call to a provider goes through.</summary>
internal static class ProviderHttpClient
{
    public const string Name = "oidc-provider";

    /// <summary>A provider that has not answered by then counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
}
