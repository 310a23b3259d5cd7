using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Provider;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthApi.Health;

/// <summary>
/// <c>GET /healthz</c> (process alive) and <c>GET /readyz</c> (every provider's metadata loaded or loadable, Redis reachable when
/// configured), the latter from the <see cref="ReadinessChecks"/>.
/// </summary>
internal static class HealthEndpoints
{
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
                + "`invalid_keys` (the key set is unreadable or has no usable key), `invalid_metadata`, `not_openid_connect` (the metadata "
                + "URL answered 404, or the document lacks issuer, authorization_endpoint or jwks_uri: an OAuth 2.0 server such as GitHub) "
                + "or `unsupported_algorithm` (the provider signs ID tokens only with algorithms AuthApi cannot verify, such as EdDSA). "
                + "With Auth:Redis, an unreachable "
                + "Redis is `session_store_unavailable` and `redis: unreachable`.")
            .WithResponseDescription(StatusCodes.Status200OK, "Every provider's metadata is loaded or loadable, and Redis answers when configured.",
                ("ready", new HealthResponse("ready", new Dictionary<string, string> { ["entra"] = "ready", ["google"] = "ready" })),
                ("readyWithRedis", new HealthResponse("ready", new Dictionary<string, string> { ["entra"] = "ready" }, ReadinessChecks.Ready)))
            .ProducesErrorCode(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ProviderUnavailable, AuthProblems.NotReady(
                new Dictionary<string, string> { ["entra"] = ReadinessChecks.Ready, ["google"] = MetadataProblem.Unreachable }, ["google"]))
            .ProducesErrorCode(StatusCodes.Status503ServiceUnavailable, ErrorCodes.SessionStoreUnavailable, AuthProblems.NotReady(
                new Dictionary<string, string> { ["entra"] = ReadinessChecks.Ready }, [], MetadataProblem.Unreachable))
            .ProducesRetryAfter(StatusCodes.Status503ServiceUnavailable, ProviderMetadataCache.FailureBackoff);

        return group;
    }

    private static Ok<HealthResponse> GetHealth() => TypedResults.Ok(new HealthResponse("alive"));

    private static async Task<Results<Ok<HealthResponse>, RetryAfterResult>> GetReadiness(
        HealthCheckService health,
        CancellationToken cancellationToken)
    {
        var (states, redisState) = await health.RunAsync(cancellationToken);
        var notReady = states.Where(state => state.Value != ReadinessChecks.Ready).Select(state => state.Key).ToList();
        if (notReady.Count > 0 || redisState is not (null or ReadinessChecks.Ready))
        {
            return AuthProblems.NotReady(states, notReady, redisState).WithRetryAfter(ProviderMetadataCache.FailureBackoff);
        }
        return TypedResults.Ok(new HealthResponse("ready", states, redisState));
    }
}
