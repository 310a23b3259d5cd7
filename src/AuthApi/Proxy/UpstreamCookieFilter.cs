using AuthApi.Sessions;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace AuthApi.Proxy;

/// <summary>
/// Drops an upstream's <c>Set-Cookie</c> named like one of AuthApi's cookies: only AuthApi writes its session, so an
/// upstream (compromised, or shared with others) can neither replace the user's session nor fixate one of its own.
/// </summary>
internal static class UpstreamCookieFilter
{
    public static void Apply(TransformBuilderContext context)
    {
        var route = context.Route.RouteId;
        context.AddResponseTransform(transform =>
        {
            RemoveOwnCookies(transform.HttpContext, route);
            return ValueTask.CompletedTask;
        });
    }

    private static void RemoveOwnCookies(HttpContext context, string route)
    {
        var written = context.Response.Headers.SetCookie;
        if (written.Count == 0)
        {
            return;
        }
        var kept = new List<string?>(written.Count);
        foreach (var cookie in written)
        {
            var name = cookie.AsSpan(0, Math.Max(cookie?.IndexOf('=') ?? 0, 0));
            if (SessionCookieNames.IsOwn(name))
            {
                context.RequestServices.GetRequiredService<ILogger<ProxyRequestGate>>().UpstreamCookieDropped(route, name.Trim().ToString());
            }
            else
            {
                kept.Add(cookie);
            }
        }
        if (kept.Count != written.Count)
        {
            context.Response.Headers.SetCookie = new StringValues([.. kept]);
        }
    }
}
