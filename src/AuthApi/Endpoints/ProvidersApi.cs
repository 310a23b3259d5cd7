using AuthApi.Client;
using AuthApi.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Endpoints;

/// <summary><c>GET /providers</c>: the configured providers, for drawing login buttons.</summary>
internal static class ProvidersApi
{
    public static RouteGroupBuilder MapProvidersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/providers").WithTags("Login");

        group.MapGet("", Providers)
            .WithName("GetProviders")
            .WithSummary("The configured providers")
            .WithDescription("Name, display name and login URL of each provider.");

        return group;
    }

    private static Ok<ProviderInfo[]> Providers(IOptions<AuthOptions> options) =>
        TypedResults.Ok(options.Value.Providers
            .OrderBy(provider => provider.Key, StringComparer.Ordinal)
            .Select(provider => new ProviderInfo(provider.Key, provider.Value.DisplayName ?? provider.Key, $"/login?provider={provider.Key}"))
            .ToArray());
}
