using AuthApi.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.Http;

/// <summary>The API's RFC 9457 Problem Details, each with its <c>errorCode</c>.</summary>
internal static class AuthProblems
{
    public static ProblemHttpResult InvalidRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "Invalid request", detail);

    public static ProblemHttpResult InvalidReturnUrl() =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidReturnUrl, "Invalid return URL",
            "returnUrl must be a local path such as /home or an absolute URL on an allowed origin, at most 2048 characters, without '.' or '..' segments or '\\'.");

    public static ProblemHttpResult UnknownProvider(string? provider) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.UnknownProvider, "Unknown provider",
            provider is null ? "Name a provider: several are configured and none is the default." : "No provider of that name is configured; GET /providers lists them.");

    /// <summary>Answered with <c>Retry-After</c>: see <see cref="RetryAfterResults.WithRetryAfter"/>.</summary>
    public static ProblemHttpResult ProviderUnavailable() =>
        Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ProviderUnavailable, "Provider unavailable",
            "The provider's metadata could not be loaded; retry later.");

    /// <summary>
    /// <c>/readyz</c>'s 503: names Redis when it is unreachable (<c>session_store_unavailable</c>) and each provider whose metadata cannot
    /// be loaded and why (<c>provider_unavailable</c> when Redis is fine). Answered with <c>Retry-After</c>.
    /// </summary>
    public static ProblemHttpResult NotReady(IReadOnlyDictionary<string, string> providerStates, IEnumerable<string> notReady, string? redisState = null)
    {
        var redisDown = redisState is not null && redisState != "ready";
        var causes = notReady.Select(provider => $"provider {provider} is {CausePhrase(providerStates[provider])}");
        var extensions = new Dictionary<string, object?>
        {
            ["errorCode"] = redisDown ? ErrorCodes.SessionStoreUnavailable : ErrorCodes.ProviderUnavailable,
            ["providers"] = providerStates,
        };
        if (redisState is not null)
        {
            extensions["redis"] = redisState;
        }
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: redisDown ? "Session store unavailable" : "Provider unavailable",
            detail: "Not ready: " + string.Join("; ", (redisDown ? ["Redis is unreachable"] : Array.Empty<string>()).Concat(causes))
                + ". The log has each failure's details.",
            extensions: extensions);
    }

    public static ProblemHttpResult NotAuthenticated() =>
        Create(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated, "Not authenticated", "Log in first: there is no session.");

    public static ProblemHttpResult NoRefreshToken() =>
        Create(StatusCodes.Status409Conflict, ErrorCodes.NoRefreshToken, "No refresh token",
            "The provider gave this session no refresh token (ask for the offline_access scope where the provider needs it).");

    public static ProblemHttpResult SessionEnded() =>
        Create(StatusCodes.Status401Unauthorized, ErrorCodes.SessionEnded, "Session ended",
            "The provider no longer accepts this session's refresh token; the session was ended. Log in again.");

    public static ProblemHttpResult RefreshFailed() =>
        Create(StatusCodes.Status502BadGateway, ErrorCodes.RefreshFailed, "Refresh failed",
            "The provider could not refresh the tokens now; the session is kept. Retry later.");

    public static ProblemHttpResult InvalidSid() =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidSid, "Invalid sid",
            "GET /logout needs the sid from /me's logoutUrl; POST /logout with the X-CSRF header also works.");

    public static ProblemHttpResult AntiForgeryHeaderMissing() =>
        Create(StatusCodes.Status403Forbidden, ErrorCodes.CsrfHeaderMissing, "Anti-forgery header missing",
            $"Send the header '{AntiForgeryHeader.Name}: {AntiForgeryHeader.Value}' with this request.");

    /// <summary>Answered with <c>Retry-After</c>: see <see cref="RetryAfterResults.WithRetryAfter"/>.</summary>
    public static ProblemHttpResult RateLimited() =>
        Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests",
            "Too many requests from this address; retry after the number of seconds in Retry-After.");

    /// <summary>How long a client waits before retrying when Redis is away: the connection is retried in the background meanwhile.</summary>
    public static readonly TimeSpan SessionStoreRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Answered with <c>Retry-After</c>; thrown Redis failures are answered the same by the exception handler.</summary>
    public static ProblemHttpResult SessionStoreUnavailable() =>
        Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.SessionStoreUnavailable, "Session store unavailable",
            "Redis, where sessions live, cannot be reached now; the session is not lost. Retry after the seconds in Retry-After.");

    public static ProblemHttpResult SessionStoreDisabled() =>
        Create(StatusCodes.Status404NotFound, ErrorCodes.SessionStoreDisabled, "Session store disabled",
            "This needs server-side sessions: set Auth:Redis and Auth:Session:Store=Redis.");

    public static ProblemHttpResult SessionNotFound() =>
        Create(StatusCodes.Status404NotFound, ErrorCodes.SessionNotFound, "Session not found",
            "You have no session of that ID; GET /me/sessions lists yours.");

    public static ProblemHttpResult InvalidLogoutToken() =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidLogoutToken, "Invalid logout token",
            "The logout_token failed validation (OpenID Connect Back-Channel Logout 1.0); no session was ended.");

    /// <param name="route">The proxy route's name from <c>Auth:Proxy:Routes</c>, never its destination.</param>
    public static ProblemHttpResult UpstreamUnavailable(string route) =>
        Create(StatusCodes.Status502BadGateway, ErrorCodes.UpstreamUnavailable, "Upstream unavailable",
            $"The upstream of proxy route '{route}' could not be reached; retry later. The log has the cause.");

    /// <param name="route">The proxy route's name from <c>Auth:Proxy:Routes</c>, never its destination.</param>
    public static ProblemHttpResult UpstreamTimeout(string route) =>
        Create(StatusCodes.Status504GatewayTimeout, ErrorCodes.UpstreamTimeout, "Upstream timeout",
            $"The upstream of proxy route '{route}' did not answer within the route's Timeout; retry later.");

    public static ProblemHttpResult InvalidPath() =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidPath, "Invalid path",
            "The path holds '\\', an encoded '\\' or '/' (%5C, %2F), or an encoded '.' or '..' segment (%2e): an upstream could resolve it outside the route's destination, so it was not forwarded.");

    public static ProblemHttpResult Create(int status, string errorCode, string title, string detail) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            extensions: new Dictionary<string, object?> { ["errorCode"] = errorCode });

    /// <summary>A provider's readiness cause as words after "provider x is".</summary>
    private static string CausePhrase(string cause) => cause switch
    {
        "not_openid_connect" => "not an OpenID Connect provider",
        "unsupported_algorithm" => "signing ID tokens only with algorithms AuthApi does not support (such as EdDSA)",
        _ => cause.Replace('_', ' '),
    };
}
