using Duende.IdentityModel.Client;

namespace AuthApi.Discovery;

/// <summary>The named <see cref="HttpClient"/> every call to a provider goes through.</summary>
internal static class ProviderHttpClient
{
    public const string Name = "oidc-provider";

    /// <summary>Hosts a provider may be reached on over plain http (development providers on this machine).</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "::1"];

    /// <summary>
    /// The library answers failures with error responses but rethrows cancellations, and HttpClient
    /// reports its timeout as one: a provider that does not answer in time becomes an error response too.
    /// </summary>
    public static async Task<T> TimeoutAsError<T>(CancellationToken cancellationToken, Func<Task<T>> call) where T : ProtocolResponse, new()
    {
        try
        {
            return await call();
        }
        catch (OperationCanceledException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            return ProtocolResponse.FromException<T>(timeout, "the provider did not answer in time");
        }
    }
}
