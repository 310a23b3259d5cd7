using AuthApi.Health;
using AuthApi.Http;
using AuthApi.Login;
using AuthApi.Logout;
using AuthApi.OpenApi;
using AuthApi.Options;
using AuthApi.Proxy;
using AuthApi.Telemetry;
using AuthApi.User;
using Microsoft.Extensions.Options;

namespace AuthApi;

/// <summary>The request pipeline and every endpoint: <c>app.MapAuthApi()</c>.</summary>
public static class AuthApiPipeline
{
    public static WebApplication MapAuthApi(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseAuthApiRequestLogging();
        app.UseAuthApiResponseHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseRateLimiter();

        app.MapLoginEndpoints();
        app.MapMeEndpoints();
        app.MapTokenEndpoints();
        app.MapSessionsEndpoints();
        app.MapLogoutEndpoints();
        app.MapBackChannelLogoutEndpoints();
        app.MapProvidersEndpoints();
        app.MapHealthEndpoints();
        app.MapAuthApiMetrics();
        app.MapProxyEndpoints();

        app.MapOpenApi();
        // The interactive page is for trying the API, not for production unless an operator asks for it.
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.OpenApi.SwaggerUi ?? app.Environment.IsDevelopment())
        {
            app.UseAuthApiSwaggerUi();
        }
        return app;
    }
}
