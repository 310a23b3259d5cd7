using System.Net;
using AuthApi.Options;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AuthApi.Http;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, honoured from <c>Auth:ForwardedHeaders:KnownNetworks</c> only:
/// from anyone else they would let a client choose the address it is rate limited by.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<AuthOptions>>((forwarded, auth) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default (and everyone with ASPNETCORE_FORWARDEDHEADERS_ENABLED): only the list counts.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var network in auth.Value.ForwardedHeaders.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>
    /// Honours the listed proxies' headers, then warns once when a request still arrives over http from another
    /// address while the redirect URI is https: a TLS-terminating proxy that is not listed.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var auth = app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        // With no known proxy at all the middleware would trust every sender, so it runs only for a list.
        if (auth.ForwardedHeaders.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        if (!auth.UsesHttps)
        {
            return app;
        }
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrustedProxies).FullName!);
        var warned = 0;
        return app.Use((context, next) =>
        {
            if (!context.Request.IsHttps
                && context.Connection.RemoteIpAddress is { } remote
                && !IPAddress.IsLoopback(remote)
                && Interlocked.Exchange(ref warned, 1) == 0)
            {
                logger.HttpFromUnlistedProxy(remote.ToString());
            }
            return next(context);
        });
    }
}
