using System.ComponentModel;
using AuthApi.Http;
using AuthApi.Provider;
using Microsoft.AspNetCore.Mvc;

namespace AuthApi.Login;

/// <summary>
/// The query of <c>GET /login</c>: which provider, where to come back to, and the OIDC hints passed through.
/// An empty value is the same as none: forms and API tools send empty fields.
/// </summary>
internal sealed class LoginRequest
{
    [FromQuery(Name = "provider")]
    [Description("The provider's name, as /providers lists it. Optional when one provider is configured or Auth:DefaultProvider is set. The sample, dev, is the development stack's provider.")]
    [SampleValue("dev")]
    public string? Provider { get; init => field = value.NullIfEmpty(); }

    [FromQuery(Name = "returnUrl")]
    [Description("Where the browser goes after the login: a local path, or a URL on an origin in Auth:AllowedOrigins. Defaults to /.")]
    [SampleValue("/")]
    public string? ReturnUrl { get; init => field = value.NullIfEmpty(); }

    [FromQuery(Name = "prompt")]
    [Description("Passed to the provider: none, login, consent or select_account, space-separated. Empty: none is sent.")]
    [SampleValue("")]
    public string? Prompt { get; init => field = value.NullIfEmpty(); }

    [FromQuery(Name = "login_hint")]
    [Description("Passed to the provider: the user's login name or email. The development provider signs the user it names (ada or grace) in without showing its page.")]
    [SampleValue("ada")]
    public string? LoginHint { get; init => field = value.NullIfEmpty(); }

    [FromQuery(Name = "max_age")]
    [Description("Passed to the provider: the most seconds since the user last authenticated actively, e.g. 3600; the ID token's auth_time is then checked. Empty: none is sent.")]
    [SampleValue("")]
    public string? MaxAge { get; init => field = value.NullIfEmpty(); }

    [FromQuery(Name = "ui_locales")]
    [Description("Passed to the provider: preferred languages of its pages, space-separated BCP 47 tags, e.g. en-GB fr. Empty: none is sent.")]
    [SampleValue("")]
    public string? UiLocales { get; init => field = value.NullIfEmpty(); }
}
