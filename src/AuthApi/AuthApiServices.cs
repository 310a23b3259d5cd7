using AuthApi.Contracts;
using AuthApi.Health;
using AuthApi.Http;
using AuthApi.Logging;
using AuthApi.Login;
using AuthApi.Logout;
using AuthApi.OpenApi;
using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Proxy;
using AuthApi.Sessions;
using AuthApi.Telemetry;
using AuthApi.Tokens;
using AuthApi.User;
using FluentValidation;
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
        // A port already in use is one line from TryStartAsync, and Redis being away one line per entry, not a stack trace.
        builder.ReportKnownFailuresInOneLine();

        // Build-time OpenAPI generation starts the app with no configuration; the document does not depend on it.
        if (BuildTimeDocument.IsGenerating)
        {
            builder.Configuration.AddPlaceholderConfiguration();
        }

        // Configuration: bound from "Auth" (every key and value reviewed first), validated with FluentValidation before the first request.
        services.AddSingleton<AuthSectionReview>();
        services.AddSingleton<IValidateOptions<AuthOptions>, UnreadableValuesValidation>();
        services.AddSingleton<IConfigureOptions<AuthOptions>, AuthOptionsSetup>();
        services.AddSingleton<IValidator<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthOptions>, FluentValidationOptions<AuthOptions>>();
        services.AddOptions<AuthOptions>().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Telemetry: the AuthApi meter; /metrics with Auth:Metrics:Enabled, OTLP metrics and traces with OTEL_EXPORTER_OTLP_ENDPOINT.
        builder.AddAuthApiTelemetry();

        // Provider: its HTTP client, the shared metadata and key cache, the back-channel calls, ID and logout token validation.
        services.AddProviderHttpClient();
        services.AddSingleton<ProviderMetadataCache>();
        services.AddSingleton<ProviderClient>();
        services.AddSingleton<ClientAuthentication>();
        services.AddSingleton<ProviderJwtValidator>();
        services.AddSingleton<IdTokenValidator>();
        services.AddSingleton<LogoutTokenValidator>();

        // Sessions: the cookie service and its keys, the store Auth:Session:Store names, and what Auth:Redis shares between instances.
        services.AddCookieKeys();
        services.AddSingleton<SessionCookieCache>();
        services.AddSingleton<CookieJar>();
        services.AddSessionStore();

        // Login: /login, the callback and their cookies.
        services.AddSingleton<IValidator<LoginRequest>, LoginRequestValidator>();
        services.AddSingleton<LoginStart>();
        services.AddSingleton<LoginCookies>();
        services.AddSingleton<UsedStates>();
        services.AddSingleton<LoginCallback>();

        // Tokens: the single-flight refresh /me/tokens and the proxy share. User: which tokens /me/tokens exposes. Logout: the session's end here and at the provider, and the
        // provider's back-channel logout with the logout tokens it has used.
        services.AddSingleton<TokenRefresher>();
        services.AddSingleton<TokenExposure>();
        services.AddSingleton<SessionLogout>();
        services.AddSingleton<BackChannelLogout>();
        services.AddSingleton<UsedLogoutTokens>();

        // HTTP: client addresses from the listed proxies only, rate limits per client address, Problem Details, CORS for the SPA origins, the OpenAPI document.
        services.AddTrustedProxies();
        services.AddClientRateLimits();
        services.AddAuthProblemDetails();
        // Response bodies from source-generated JSON (the contracts' context) before reflection: no reflection on /me's path.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AuthApiJsonContext.Default));
        services.AddSpaCors();
        services.AddAuthApiOpenApi();

        // Proxy: YARP with the routes of Auth:Proxy:Routes (backend for frontend).
        services.AddAuthApiProxy();

        // Health: the checks behind /readyz, one per provider and one for Redis.
        services.AddReadinessChecks();

        return builder;
    }
}
