using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Baseline;

/// <summary>
/// A bare YARP route, <c>/yarp/{**rest}</c> to <c>Baseline:ProxyDestination</c> without the prefix: the same hop as
/// AuthApi's proxy with none of AuthApi's work, so the load script can tell the two costs apart.
/// </summary>
internal static class BaselineProxy
{
    public const string Prefix = "/yarp";

    public static IServiceCollection AddBaselineProxy(this IServiceCollection services, string? destination)
    {
        // YARP's defaults otherwise (pooled connections, X-Forwarded-* headers), as AuthApi's routes have them.
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        if (!string.IsNullOrEmpty(destination))
        {
            routes.Add(new RouteConfig { RouteId = "yarp", ClusterId = "upstream", Match = new RouteMatch { Path = Prefix + "/{**rest}" } }
                .WithTransformPathRemovePrefix(Prefix));
            clusters.Add(new ClusterConfig
            {
                ClusterId = "upstream",
                Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = destination } },
            });
        }
        services.AddReverseProxy().LoadFromMemory(routes, clusters);
        return services;
    }
}
