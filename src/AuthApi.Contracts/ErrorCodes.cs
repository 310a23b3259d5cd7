namespace AuthApi.Contracts;

/// <summary>
/// The stable <c>errorCode</c> values of AuthApi's Problem Details (<c>AuthApiException.ErrorCode</c> in AuthApi.Client) and of the
/// <c>auth_error</c> query value a failed login returns with. Exactly the codes the service sends: AuthApi.Client's own code for a
/// service it could not reach, <c>unreachable</c>, is <c>ClientErrorCodes.Unreachable</c> in that package.
/// </summary>
public static class ErrorCodes
{
    /// <summary>400: the request is malformed (e.g. a bad <c>max_age</c>).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>400: <c>returnUrl</c> is neither a local path nor on an allowed origin.</summary>
    public const string InvalidReturnUrl = "invalid_return_url";

    /// <summary>400: no provider of that name, or none named while several are configured.</summary>
    public const string UnknownProvider = "unknown_provider";

    /// <summary>503: the provider's metadata could not be loaded; the answer carries <c>Retry-After</c>.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>401: there is no session.</summary>
    public const string NotAuthenticated = "not_authenticated";

    /// <summary>409: the session has no refresh token.</summary>
    public const string NoRefreshToken = "no_refresh_token";

    /// <summary>401: the provider refused the refresh token, so the session was ended.</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>502: the provider could not refresh the tokens now; the session is kept.</summary>
    public const string RefreshFailed = "refresh_failed";

    /// <summary>400: <c>GET /logout</c> without the session's <c>sid</c>.</summary>
    public const string InvalidSid = "invalid_sid";

    /// <summary>403: a state-changing request without <c>X-CSRF: 1</c> (this client always sends it).</summary>
    public const string CsrfHeaderMissing = "csrf_header_missing";

    /// <summary>429: too many logins or callbacks from one client IP; the answer carries <c>Retry-After</c>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>
    /// 503: Redis, where sessions live, cannot be reached now; the answer carries <c>Retry-After</c>. Not "logged out": retry. Also the
    /// <c>auth_error</c> of a login the provider completed but whose session could not be stored.
    /// </summary>
    public const string SessionStoreUnavailable = "session_store_unavailable";

    /// <summary>404: the endpoint needs server-side sessions (<c>Auth:Session:Store=Redis</c>), which are not configured.</summary>
    public const string SessionStoreDisabled = "session_store_disabled";

    /// <summary>404: the user has no session of that ID (<c>DELETE /me/sessions/{id}</c>).</summary>
    public const string SessionNotFound = "session_not_found";

    /// <summary>400: a back-channel logout token that fails validation; no session is ended.</summary>
    public const string InvalidLogoutToken = "invalid_logout_token";

    /// <summary>502: the API proxy could not reach a route's upstream; the detail names the route.</summary>
    public const string UpstreamUnavailable = "upstream_unavailable";

    /// <summary>504: a route's upstream did not answer within the route's <c>Timeout</c>; the detail names the route.</summary>
    public const string UpstreamTimeout = "upstream_timeout";

    /// <summary>
    /// 400: a proxied path holding '\', an encoded '\' or '/', or an encoded dot segment, which an upstream could resolve outside
    /// the route's destination; the upstream is not called.
    /// </summary>
    public const string InvalidPath = "invalid_path";

    /// <summary>404: no such endpoint.</summary>
    public const string NotFound = "not_found";

    /// <summary>405: the endpoint does not take this HTTP method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>500: the service failed; its log has the reason.</summary>
    public const string InternalError = "internal_error";

    // Callback failures, reported as ?auth_error= on the return URL.

    /// <summary><c>auth_error</c>: no login was pending for this <c>state</c> (stale, replayed or too slow).</summary>
    public const string LoginExpired = "login_expired";

    /// <summary><c>auth_error</c>: the callback arrived at another provider's redirect URI than the one its login started with.</summary>
    public const string CallbackMismatch = "callback_mismatch";

    /// <summary><c>auth_error</c>: the pending login does not match the <c>state</c>.</summary>
    public const string StateMismatch = "state_mismatch";

    /// <summary><c>auth_error</c>: the callback's <c>iss</c> is not the provider's issuer (RFC 9207).</summary>
    public const string IssuerMismatch = "issuer_mismatch";

    /// <summary><c>auth_error</c>: the provider answered with an error (its code is in <c>auth_error_detail</c>).</summary>
    public const string ProviderError = "provider_error";

    /// <summary><c>auth_error</c>: the code could not be exchanged for tokens.</summary>
    public const string TokenExchangeFailed = "token_exchange_failed";

    /// <summary><c>auth_error</c>: the ID token failed validation.</summary>
    public const string IdTokenInvalid = "id_token_invalid";

    /// <summary><c>auth_error</c>: the userinfo answer is no JSON object, repeats a member or names another subject.</summary>
    public const string UserInfoInvalid = "userinfo_invalid";

    /// <summary><c>auth_error</c>: the session would not fit in <c>Auth:Session:MaxCookieBytes</c> (cookies) or <c>Auth:Session:MaxStoredBytes</c> (the Redis store).</summary>
    public const string SessionTooLarge = "session_too_large";
}
