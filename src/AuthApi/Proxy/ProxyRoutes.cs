using AuthApi.Http;
using AuthApi.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace AuthApi.Proxy;

/// <summary>YARP's routes and clusters from <c>Auth:Proxy:Routes</c>: one cluster per route, named like it, each route under <see cref="SpaCors.ProxyPolicy"/>.</summary>
internal static class ProxyRoutes
{
    /// <summary>The route metadata that holds its <see cref="ProxyTokenMode"/>.</summary>
    public const string TokenModeKey = "AuthApi.Token";

    public static InMemoryConfigProvider From(ProxyOptions proxy)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (name, options) in proxy.Routes)
        {
            var route = new RouteConfig
            {
                RouteId = name,
                ClusterId = name,
                Match = new RouteMatch { Path = options.Path },
                // The CORS middleware answers a route's preflight itself, so it never reaches ProxyRequestGate or the upstream.
                CorsPolicy = SpaCors.ProxyPolicy,
                Metadata = new Dictionary<string, string> { [TokenModeKey] = options.Token.ToString() },
            };
            routes.Add(options.RemovePrefix && options.Prefix.Length > 0 ? route.WithTransformPathRemovePrefix(options.Prefix) : route);
            clusters.Add(new ClusterConfig
            {
                ClusterId = name,
                Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = options.Destination } },
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = options.Timeout },
            });
        }
        return new InMemoryConfigProvider(routes, clusters);
    }

    /// <summary>The route's token mode; a route without one (none of ours) sends no token.</summary>
    public static ProxyTokenMode TokenModeOf(RouteConfig route) =>
        route.Metadata?.GetValueOrDefault(TokenModeKey) == nameof(ProxyTokenMode.User) ? ProxyTokenMode.User : ProxyTokenMode.None;
}
