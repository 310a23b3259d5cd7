namespace AuthApi.Telemetry;

/// <summary>
/// The <c>outcome</c> tag of <c>authapi.jwks.fetches</c>, and of <c>authapi.discovery.fetches</c> beside the other causes
/// <c>/readyz</c> names (<c>issuer_mismatch</c>, <c>invalid_keys</c>, <c>invalid_metadata</c>,
/// <c>not_openid_connect</c>, <c>unsupported_algorithm</c>).
/// </summary>
internal static class FetchOutcomes
{
    public const string Success = "success";

    /// <summary>An HTTP error status.</summary>
    public const string ErrorStatus = "error_status";

    /// <summary>No answer: connection refused, name not resolved, or not in time.</summary>
    public const string Unreachable = "unreachable";
}
