using Microsoft.AspNetCore.Mvc;

namespace AuthApi.Login;

/// <summary>The query of <c>GET /login</c>: which provider, where to come back to, and the OIDC hints passed through.</summary>
internal sealed class LoginRequest
{
    /// <summary>Provider name; optional when one provider is configured or <c>Auth:DefaultProvider</c> is set.</summary>
    [FromQuery(Name = "provider")]
    public string? Provider { get; init; }

    /// <summary>Local path or URL on an allowed origin to return to after login. Defaults to <c>/</c>.</summary>
    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; init; }

    /// <summary>Passed to the provider: <c>none</c>, <c>login</c>, <c>consent</c>, <c>select_account</c> (space-separated).</summary>
    [FromQuery(Name = "prompt")]
    public string? Prompt { get; init; }

    /// <summary>Passed to the provider: the user's login name or email.</summary>
    [FromQuery(Name = "login_hint")]
    public string? LoginHint { get; init; }

    /// <summary>Passed to the provider: seconds since the user last authenticated actively.</summary>
    [FromQuery(Name = "max_age")]
    public string? MaxAge { get; init; }

    /// <summary>Passed to the provider: preferred languages, space-separated BCP 47 tags.</summary>
    [FromQuery(Name = "ui_locales")]
    public string? UiLocales { get; init; }
}
