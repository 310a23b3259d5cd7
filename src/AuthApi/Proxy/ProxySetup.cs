using AuthApi.Options;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace AuthApi.Proxy;

/// <summary>Registers YARP with the routes of <c>Auth:Proxy:Routes</c>.</summary>
internal static class ProxySetup
{
    public static IServiceCollection AddAuthApiProxy(this IServiceCollection services)
    {
        services.AddReverseProxy().AddTransforms(UpstreamCookieFilter.Apply);
        // LoadFromMemory's provider, built from the bound and validated options rather than from raw configuration.
        services.AddSingleton<IProxyConfigProvider>(provider => ProxyRoutes.From(provider.GetRequiredService<IOptions<AuthOptions>>().Value.Proxy));
        return services;
    }
}
