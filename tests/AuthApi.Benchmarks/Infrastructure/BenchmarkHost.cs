using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace AuthApi.Benchmarks.Infrastructure;

/// <summary>
/// AuthApi as it starts in production (<c>builder.BuildAuthApi()</c>, cookie sessions), on an in-memory
/// <see cref="TestServer"/>, configured with the benchmark's provider only. Benchmarks reach the service through its
/// DI container and its request pipeline, never through private members that a rewrite may move.
/// </summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _keysPath;

    private BenchmarkHost(WebApplication app, BenchmarkProvider provider, string keysPath)
    {
        _app = app;
        Provider = provider;
        _keysPath = keysPath;
    }

    /// <summary>The provider the host is configured with; it signs the ID tokens the host accepts.</summary>
    public BenchmarkProvider Provider { get; }

    public IServiceProvider Services => _app.Services;

    public TestServer Server => _app.GetTestServer();

    public static async Task<BenchmarkHost> StartAsync()
    {
        var keysPath = Path.Combine(Path.GetTempPath(), "authapi-benchmark-keys", Guid.NewGuid().ToString("N"));
        var provider = new BenchmarkProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseTestServer();
        // The benchmark's settings only: an Auth__ variable of the shell must not change what is measured.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(Settings(keysPath));
        // The service's appsettings.json holds request logs at Warning, so production writes no line per request either.
        builder.Logging.ClearProviders();
        // Post-configure runs after the provider client's own handler setup, so every provider call stays in process.
        builder.Services.PostConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handler => handler.PrimaryHandler = provider.CreateHandler()));

        var app = builder.BuildAuthApi() ?? throw new InvalidOperationException("The benchmark configuration is invalid: see standard error.");
        await app.StartAsync();
        return new BenchmarkHost(app, provider, keysPath);
    }

    /// <summary>A request as the service sees it from a browser, with the given Cookie header (null for none).</summary>
    public HttpContext CreateRequest(string? cookieHeader = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        if (cookieHeader is not null)
        {
            context.Request.Headers.Cookie = cookieHeader;
        }
        return context;
    }

    /// <summary>Runs one GET through the whole pipeline (middleware, routing, handler, JSON) in memory.</summary>
    public Task<HttpContext> GetAsync(string path, string? cookieHeader = null) =>
        Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            if (cookieHeader is not null)
            {
                context.Request.Headers.Cookie = cookieHeader;
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_keysPath))
        {
            Directory.Delete(_keysPath, recursive: true);
        }
    }

    private static Dictionary<string, string?> Settings(string keysPath) => new()
    {
        ["Auth:RedirectUri"] = "http://localhost/oauth2callback",
        ["Auth:DataProtection:KeysPath"] = keysPath,
        [$"Auth:Providers:{BenchmarkProvider.Name}:ServerMetadataUrl"] = BenchmarkProvider.MetadataUrl,
        [$"Auth:Providers:{BenchmarkProvider.Name}:ClientId"] = BenchmarkProvider.ClientId,
        [$"Auth:Providers:{BenchmarkProvider.Name}:ClientSecret"] = BenchmarkProvider.ClientSecret,
    };
}
