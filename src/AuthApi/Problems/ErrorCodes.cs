namespace AuthApi.Problems;

/// <summary>The stable <c>errorCode</c> values of the API's Problem Details and <c>auth_error</c> redirects.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidReturnUrl = "invalid_return_url";
    public const string UnknownProvider = "unknown_provider";
    public const string ProviderUnavailable = "provider_unavailable";
    public const string NotAuthenticated = "not_authenticated";
    public const string NoRefreshToken = "no_refresh_token";
    public const string SessionEnded = "session_ended";
    public const string RefreshFailed = "refresh_failed";
    public const string InvalidSid = "invalid_sid";
    public const string CsrfHeaderMissing = "csrf_header_missing";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InternalError = "internal_error";

    // Callback failures, reported as ?auth_error= on the return URL.
    public const string LoginExpired = "login_expired";
    public const string StateMismatch = "state_mismatch";
    public const string IssuerMismatch = "issuer_mismatch";
    public const string ProviderError = "provider_error";
    public const string TokenExchangeFailed = "token_exchange_failed";
    public const string IdTokenInvalid = "id_token_invalid";
    public const string UserInfoInvalid = "userinfo_invalid";
    public const string SessionTooLarge = "session_too_large";
}
