namespace AuthApi.Discovery;

/// <summary>The named <see cref="HttpClient"/> every call to a provider goes through.</summary>
internal static class ProviderHttpClient
{
    public const string Name = "oidc-provider";

    /// <summary>A provider that has not answered by then counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Hosts a provider may be reached on over plain http (development providers on this machine).</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "::1"];
}
