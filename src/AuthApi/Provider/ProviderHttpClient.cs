using AuthApi.Options;
using AuthApi.Telemetry;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;

namespace AuthApi.Provider;

/// <summary>The named <see cref="HttpClient"/> every call to a provider goes through.</summary>
internal static class ProviderHttpClient
{
    public const string Name = "oidc-provider";

    /// <summary>
    /// Calls to providers: bounded in time and size, never redirected (a 307 would re-post the client secret elsewhere), and
    /// traced by <see cref="ProviderCallHandler"/>.
    /// </summary>
    public static IServiceCollection AddProviderHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name)
            .ConfigureHttpClient((provider, client) =>
            {
                var auth = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
                client.Timeout = auth.ProviderTimeout;
                client.MaxResponseContentBufferSize = auth.ProviderMaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler(provider => new ProviderCallHandler(provider.GetRequiredService<AuthApiMetrics>()));
        return services;
    }

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
            return ProtocolResponse.FromException<T>(new TimeoutException("the provider did not answer in time", timeout));
        }
    }
}
