namespace AuthApi.Proxy;

/// <summary>The API proxy's routes (<c>Auth:Proxy:Routes</c>), forwarded by YARP after <see cref="ProxyRequestGate"/>. Not in the OpenAPI document.</summary>
internal static class ProxyEndpoints
{
    public static ReverseProxyConventionBuilder MapProxyEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapReverseProxy(proxy => proxy.UseMiddleware<ProxyRequestGate>());
}
