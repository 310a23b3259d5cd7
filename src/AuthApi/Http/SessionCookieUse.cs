using AuthApi.Contracts;

namespace AuthApi.Http;

/// <summary>
/// Marks endpoints that read the session cookie (read by the OpenAPI document's security requirements); they answer 503
/// <c>session_store_unavailable</c> with <c>Retry-After</c> while Redis, where sessions or ended sessions live, is away.
/// </summary>
internal static class SessionCookieUse
{
    /// <summary>Set <c>required</c> to false when the endpoint answers anonymous callers with success too.</summary>
    public static RouteHandlerBuilder ReadsSessionCookie(this RouteHandlerBuilder builder, bool required) =>
        builder
            .WithMetadata(new SessionCookieRead(required))
            .ProducesErrorCodes(StatusCodes.Status503ServiceUnavailable, ErrorCodes.SessionStoreUnavailable)
            .ProducesRetryAfter(StatusCodes.Status503ServiceUnavailable, AuthProblems.SessionStoreRetryAfter);
}

/// <summary>The endpoint reads the session cookie; <see cref="Required"/> when it refuses anonymous callers.</summary>
internal sealed record SessionCookieRead(bool Required);
