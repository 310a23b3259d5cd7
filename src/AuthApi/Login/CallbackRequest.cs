using Microsoft.AspNetCore.Mvc;

namespace AuthApi.Login;

/// <summary>The query the provider sends the browser back with (RFC 6749 §4.1.2, RFC 9207).</summary>
internal sealed class CallbackRequest
{
    /// <summary>The authorization code.</summary>
    [FromQuery(Name = "code")]
    public string? Code { get; init; }

    /// <summary>The state this service sent with the login.</summary>
    [FromQuery(Name = "state")]
    public string? State { get; init; }

    /// <summary>The issuer of the response (RFC 9207).</summary>
    [FromQuery(Name = "iss")]
    public string? Iss { get; init; }

    /// <summary>The provider's error code, when the login failed there.</summary>
    [FromQuery(Name = "error")]
    public string? Error { get; init; }

    /// <summary>The provider's description of the error; logged, never shown.</summary>
    [FromQuery(Name = "error_description")]
    public string? ErrorDescription { get; init; }

    /// <summary>Neither a code nor an error: the provider bringing the user back after logout.</summary>
    public bool IsPostLogoutReturn => Code is null && Error is null;
}
