using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Login;

/// <summary><c>GET /providers</c>: the configured providers, for drawing login buttons.</summary>
internal static class ProvidersEndpoints
{
    public static RouteGroupBuilder MapProvidersEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/providers").WithTags("Providers");

        group.MapGet("", GetProviders)
            .WithName("GetProviders")
            .WithSummary("The configured providers")
            .WithDescription("Name, display name and login URL of each provider.")
            .WithResponseDescription(StatusCodes.Status200OK, "The configured providers, sorted by name.", ("twoProviders", LoginExamples.Providers));

        return group;
    }

    private static Ok<ProviderInfo[]> GetProviders(IOptions<AuthOptions> options) =>
        TypedResults.Ok(options.Value.Providers
            .OrderBy(provider => provider.Key, StringComparer.Ordinal)
            .Select(provider => new ProviderInfo(provider.Key, provider.Value.DisplayName ?? provider.Key, $"/login?provider={provider.Key}"))
            .ToArray());
}
