using System.Net;
using Duende.IdentityModel.Client;

namespace AuthApi.Provider;

/// <summary>Why a provider's metadata could not be loaded: <c>Cause</c> for <c>/readyz</c>, <c>Detail</c> for the log.</summary>
internal sealed record MetadataProblem(string Cause, string Detail)
{
    /// <summary>No answer: connection refused, name not resolved, or not in time.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The metadata URL answered with an error status (often a wrong URL).</summary>
    public const string ErrorStatus = "error_status";

    /// <summary>The document's issuer is not its URL's authority (OpenID Connect Discovery 1.0 §4.3).</summary>
    public const string IssuerMismatch = "issuer_mismatch";

    /// <summary>The key set at <c>jwks_uri</c> could not be read or holds no usable signing key.</summary>
    public const string InvalidKeys = "invalid_keys";

    /// <summary>The document is not JSON or lacks what a login needs.</summary>
    public const string InvalidMetadata = "invalid_metadata";

    /// <summary>
    /// The metadata URL answers 404, or the document lacks <c>issuer</c>, <c>authorization_endpoint</c> or <c>jwks_uri</c>: an
    /// OAuth 2.0 server without OpenID Connect (GitHub), or a wrong URL.
    /// </summary>
    public const string NotOpenIdConnect = "not_openid_connect";

    /// <summary>The metadata lists only ID token algorithms this service cannot verify (EdDSA).</summary>
    public const string UnsupportedAlgorithm = "unsupported_algorithm";

    /// <summary>The problem of a discovery request that failed (Duende.IdentityModel fetches the key set with it).</summary>
    public static MetadataProblem Of(DiscoveryDocumentResponse failed, string metadataUrl)
    {
        var detail = failed.Error ?? "unknown error";
        var cause = failed.ErrorType switch
        {
            ResponseErrorType.PolicyViolation when detail.StartsWith("Issuer name does not match", StringComparison.Ordinal) => IssuerMismatch,
            ResponseErrorType.PolicyViolation when detail.StartsWith("Issuer name is missing", StringComparison.Ordinal) => NotOpenIdConnect,
            ResponseErrorType.PolicyViolation => InvalidMetadata,
            _ when failed.Exception is HttpRequestException { StatusCode: null } or TimeoutException => Unreachable,
            // Both requests report "Error connecting to <url>": the URL tells the document's failure from the key set's.
            ResponseErrorType.Http when detail.Contains(metadataUrl, StringComparison.Ordinal) && failed.HttpStatusCode == HttpStatusCode.NotFound => NotOpenIdConnect,
            ResponseErrorType.Http when detail.Contains(metadataUrl, StringComparison.Ordinal) => ErrorStatus,
            _ => InvalidKeys,
        };
        return new MetadataProblem(cause, detail);
    }
}
