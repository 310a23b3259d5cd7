using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Redis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Health;

/// <summary><c>GET /healthz</c> (process alive) and <c>GET /readyz</c> (every provider's metadata loaded or loadable, Redis reachable when configured).</summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static RouteGroupBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Operations");

        group.MapGet("/healthz", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Liveness: the process answers")
            .WithResponseDescription(StatusCodes.Status200OK, "The process is alive.", ("alive", new HealthResponse("alive")));

        group.MapGet("/readyz", GetReadiness)
            .WithName("GetReadiness")
            .WithSummary("Readiness: every provider's metadata is loaded or loadable, and Redis answers when configured")
            .WithDescription("503 names each provider that is not ready and why, in `detail` and in `providers`: `unreachable` (no answer), "
                + "`error_status` (the metadata URL answered an error), `issuer_mismatch` (the document's issuer is not its URL's authority), "
                + "`invalid_keys` (the key set is unreadable or has no usable key) or `invalid_metadata`. With Auth:Redis, an unreachable "
                + "Redis is `session_store_unavailable` and `redis: unreachable`.")
            .WithResponseDescription(StatusCodes.Status200OK, "Every provider's metadata is loaded or loadable, and Redis answers when configured.",
                ("ready", new HealthResponse("ready", new Dictionary<string, string> { ["entra"] = "ready", ["google"] = "ready" })),
                ("readyWithRedis", new HealthResponse("ready", new Dictionary<string, string> { ["entra"] = "ready" }, Ready)))
            .ProducesErrorCode(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ProviderUnavailable, AuthProblems.NotReady(
                new Dictionary<string, string> { ["entra"] = Ready, ["google"] = MetadataProblem.Unreachable }, ["google"]))
            .ProducesErrorCode(StatusCodes.Status503ServiceUnavailable, ErrorCodes.SessionStoreUnavailable, AuthProblems.NotReady(
                new Dictionary<string, string> { ["entra"] = Ready }, [], MetadataProblem.Unreachable))
            .ProducesRetryAfter(StatusCodes.Status503ServiceUnavailable, ProviderMetadataCache.FailureBackoff);

        return group;
    }

    private static Ok<HealthResponse> GetHealth() => TypedResults.Ok(new HealthResponse("alive"));

    private static async Task<Results<Ok<HealthResponse>, RetryAfterResult>> GetReadiness(
        ProviderMetadataCache discovery,
        RedisConnection redis,
        IOptions<AuthOptions> options,
        CancellationToken cancellationToken)
    {
        var redisState = !options.Value.UsesRedis ? null : await redis.AnswersAsync(cancellationToken) ? Ready : MetadataProblem.Unreachable;
        var states = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var provider in options.Value.Providers.Keys)
        {
            states[provider] = await discovery.GetAsync(provider, cancellationToken) is null
                ? discovery.LastProblemOf(provider)?.Cause ?? MetadataProblem.Unreachable
                : Ready;
        }
        var notReady = states.Where(state => state.Value != Ready).Select(state => state.Key).ToList();
        if (notReady.Count > 0 || redisState is not (null or Ready))
        {
            return AuthProblems.NotReady(states, notReady, redisState).WithRetryAfter(ProviderMetadataCache.FailureBackoff);
        }
        return TypedResults.Ok(new HealthResponse("ready", states, redisState));
    }
}
