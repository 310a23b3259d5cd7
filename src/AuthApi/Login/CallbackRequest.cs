using System.ComponentModel;
using AuthApi.Http;
using Microsoft.AspNetCore.Mvc;

namespace AuthApi.Login;

/// <summary>The query the provider sends the browser back with (RFC 6749 §4.1.2, RFC 9207). Its samples are empty: only a provider has real values.</summary>
internal sealed class CallbackRequest
{
    [FromQuery(Name = "code")]
    [Description("The authorization code, exchanged once at the provider's token endpoint.")]
    [SampleValue("")]
    public string? Code { get; init; }

    [FromQuery(Name = "state")]
    [Description("The state this service sent with the login: it finds the login's cookie.")]
    [SampleValue("")]
    public string? State { get; init; }

    [FromQuery(Name = "iss")]
    [Description("The issuer of the response (RFC 9207), checked against the provider's metadata.")]
    [SampleValue("")]
    public string? Iss { get; init; }

    [FromQuery(Name = "error")]
    [Description("The provider's error code when the login failed there, e.g. access_denied; passed on as auth_error_detail.")]
    [SampleValue("")]
    public string? Error { get; init; }

    [FromQuery(Name = "error_description")]
    [Description("The provider's description of the error: logged, never shown.")]
    [SampleValue("")]
    public string? ErrorDescription { get; init; }

    /// <summary>Neither a code nor an error: the provider bringing the user back after logout.</summary>
    public bool IsPostLogoutReturn => Code is null && Error is null;
}
