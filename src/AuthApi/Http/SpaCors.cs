using AuthApi.Contracts;
using AuthApi.Options;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthApi.Http;

/// <summary>CORS for the single-page apps at <c>Auth:AllowedOrigins</c>, with credentials; no other origin is ever reflected.</summary>
internal static class SpaCors
{
    public static IServiceCollection AddSpaCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<AuthOptions>>((cors, auth) => cors.AddDefaultPolicy(policy => policy
            // Browsers send Origin without a trailing slash; the validator and ReturnUrlValidator accept one.
            .WithOrigins([.. auth.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'))])
            .AllowCredentials()
            .WithHeaders(AntiForgeryHeader.Name, "Content-Type")
            .WithMethods("GET", "POST", "DELETE")));
        return services;
    }
}
