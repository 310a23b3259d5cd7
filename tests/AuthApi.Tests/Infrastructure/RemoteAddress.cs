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

    /// <summary>The header by which a client of <see cref="CreateClientOfManyAddresses"/> says which address a request comes from.</summary>
    public const string Header = "X-Test-Remote-Address";

    /// <summary>
    /// A client of one instance whose each request arrives from the address in its <see cref="Header"/> header, for what
    /// one instance counts per address (<see cref="CreateBrowserFrom"/> makes a new instance per address).
    /// </summary>
    public static HttpClient CreateClientOfManyAddresses(this TestApp app) =>
        app.Factory
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ConnectionFromHeader())))
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A GET of <paramref name="path"/> arriving from <paramref name="address"/>.</summary>
    public static Task<HttpResponseMessage> GetFromAsync(this HttpClient client, string path, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(Header, address);
        return client.SendAsync(request);
    }

    private sealed class ConnectionFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

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
