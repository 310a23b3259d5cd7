using System.Net.Http.Headers;
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
            if (transform.ProxyResponse?.Headers.NonValidated.TryGetValues("Set-Cookie", out var upstreamCookies) == true)
            {
                RemoveOwnCookies(transform.HttpContext, route, upstreamCookies);
            }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Removes the upstream's own-named cookies only: the response also holds the ones AuthApi wrote (a refresh's).</summary>
    private static void RemoveOwnCookies(HttpContext context, string route, HeaderStringValues upstreamCookies)
    {
        var planted = new List<string>();
        foreach (var cookie in upstreamCookies)
        {
            var name = cookie.AsSpan(0, Math.Max(cookie.IndexOf('='), 0));
            if (SessionCookieNames.IsOwn(name))
            {
                planted.Add(cookie);
                context.RequestServices.GetRequiredService<ILogger<ProxyRequestGate>>().UpstreamCookieDropped(route, name.Trim().ToString());
            }
        }
        if (planted.Count > 0)
        {
            var headers = context.Response.Headers;
            headers.SetCookie = new StringValues([.. headers.SetCookie.Where(cookie => !planted.Contains(cookie!, StringComparer.Ordinal))]);
        }
    }
}
