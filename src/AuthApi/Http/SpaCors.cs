using AuthApi.Contracts;
using AuthApi.Options;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthApi.Http;

/// <summary>
/// CORS for the single-page apps at <c>Auth:AllowedOrigins</c>, with credentials; no other origin is ever reflected.
/// AuthApi's own endpoints take the strict default policy, the proxy's routes <see cref="ProxyPolicy"/>.
/// </summary>
internal static class SpaCors
{
    /// <summary>The policy of the proxy's routes: the same origins, but any method and request header, as the APIs behind it need.</summary>
    public const string ProxyPolicy = "proxy";

    public static IServiceCollection AddSpaCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<AuthOptions>>((cors, auth) =>
        {
            // Browsers send Origin without a trailing slash; the validator and ReturnUrlValidator accept one.
            string[] origins = [.. auth.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'))];
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(origins)
                .AllowCredentials()
                .WithHeaders(AntiForgeryHeader.Name, "Content-Type")
                .WithMethods("GET", "POST", "DELETE"));
            cors.AddPolicy(ProxyPolicy, policy => policy
                .WithOrigins(origins)
                .AllowCredentials()
                .AllowAnyHeader()
                .AllowAnyMethod());
        });
        return services;
    }
}
