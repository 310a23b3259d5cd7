using AuthApi.Discovery;
using AuthApi.Endpoints;
using AuthApi.Http;
using AuthApi.Logging;
using AuthApi.Login;
using AuthApi.OpenApi;
using AuthApi.Options;
using AuthApi.Problems;
using AuthApi.Sessions;
using AuthApi.Tokens;
using FluentValidation;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthApi;

/// <summary>Registers everything the service needs: <c>builder.AddAuthApi()</c>.</summary>
public static class AuthApiServices
{
    public static WebApplicationBuilder AddAuthApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // The framework's request log prints whole URLs (the callback's ?code=): held to warnings under any configuration.
        services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, UrlLoggingFilter>();

        // Build-time OpenAPI generation starts the app with no configuration; the document does not depend on it.
        if (BuildTimeDocument.IsGenerating)
        {
            builder.Configuration.AddPlaceholderConfiguration();
        }

        // Configuration: bound from "Auth", validated with FluentValidation before the first request.
        services.AddSingleton<IConfigureOptions<AuthOptions>, AuthOptionsSetup>();
        services.AddSingleton<IValidator<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthOptions>, FluentValidationOptions<AuthOptions>>();
        services.AddOptions<AuthOptions>().ValidateOnStart();

        // Cookie encryption keys, persisted so a restart logs nobody out.
        services.AddDataProtection().SetApplicationName("AuthApi");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<AuthOptions>, IHostEnvironment, ILoggerFactory>((keys, auth, environment, loggers) =>
                keys.XmlRepository = new FileSystemXmlRepository(KeysDirectory(auth.Value, environment), loggers));

        // Calls to providers: bounded in time and size, and never redirected (a 307 would re-post the client secret elsewhere).
        services.AddHttpClient(ProviderHttpClient.Name)
            .ConfigureHttpClient((provider, client) =>
            {
                var auth = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
                client.Timeout = auth.ProviderTimeout;
                client.MaxResponseContentBufferSize = auth.ProviderMaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<ProviderMetadataCache>();
        services.AddSingleton<ProviderClient>();
        services.AddSingleton<IdTokenValidator>();

        // Login, sessions and their cookies.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CookieJar>();
        services.AddSingleton<SessionCookies>();
        services.AddSingleton<EndedSessions>();
        services.AddSingleton<LoginCookies>();
        services.AddSingleton<UsedStates>();
        services.AddSingleton<IValidator<LoginRequest>, LoginRequestValidator>();
        services.AddSingleton<LoginCallback>();
        services.AddSingleton<SessionLogout>();
        services.AddSingleton<TokenRefresher>();

        // Client addresses from the listed proxies only; logins and callbacks rate limited per address.
        services.AddTrustedProxies();
        services.AddLoginRateLimit();

        // Errors as Problem Details, CORS for the SPA origins, the OpenAPI document.
        services.AddAuthProblemDetails();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<AuthOptions>>((cors, auth) => cors.AddDefaultPolicy(policy => policy
            // Browsers send Origin without a trailing slash; the validator and ReturnUrlValidator accept one.
            .WithOrigins([.. auth.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'))])
            .AllowCredentials()
            .WithHeaders(CsrfHeaderFilter.HeaderName, "Content-Type")
            .WithMethods("GET", "POST", "DELETE")));
        services.AddAuthApiOpenApi();

        return builder;
    }

    private static DirectoryInfo KeysDirectory(AuthOptions auth, IHostEnvironment environment) =>
        new(auth.DataProtection.KeysPath is { Length: > 0 } path
            ? Path.GetFullPath(path, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "keys"));
}
