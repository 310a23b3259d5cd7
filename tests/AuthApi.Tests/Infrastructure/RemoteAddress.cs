using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthApi.Tests.Infrastructure;

public static class RemoteAddress
{
    /// <summary>
    /// A browser whose requests arrive from this address, as they would through a network: the in-memory
    /// server has no client address of its own.
    /// </summary>
    public static HttpClient CreateBrowserFrom(this TestApp app, string address) =>
        app.Factory
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ConnectionFrom(IPAddress.Parse(address)))))
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private sealed class ConnectionFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
