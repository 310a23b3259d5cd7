using AuthApi.Client;
using AuthApi.Discovery;
using AuthApi.Options;
using AuthApi.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Endpoints;

/// <summary><c>GET /healthz</c> (process alive) and <c>GET /readyz</c> (every provider's metadata loaded or loadable).</summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Operations");

        group.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("alive")))
            .WithName("Health")
            .WithSummary("Liveness: the process answers");

        group.MapGet("/readyz", Ready)
            .WithName("Ready")
            .WithSummary("Readiness: every provider's metadata is loaded or loadable")
            .ProducesErrorCodes(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ProviderUnavailable);

        return group;
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> Ready(
        HttpContext context,
        ProviderMetadataCache discovery,
        IOptions<AuthOptions> options,
        CancellationToken cancellationToken)
    {
        var states = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var provider in options.Value.Providers.Keys)
        {
            states[provider] = await discovery.GetAsync(provider, cancellationToken) is null ? "unavailable" : "ready";
        }
        if (states.ContainsValue("unavailable"))
        {
            return AuthProblems.ProviderUnavailable(context);
        }
        return TypedResults.Ok(new HealthResponse("ready", states));
    }
}
