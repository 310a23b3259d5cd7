using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuthApi.Contracts;
using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Security;
using AuthApi.Telemetry;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AuthApi.Login;

/// <summary>
/// Starts a login: a fresh transaction (state, nonce, PKCE verifier) in its correlation cookie, and the provider's
/// authorization URL carrying it (OpenID Connect Core §3.1.2.1, RFC 7636).
/// </summary>
internal sealed class LoginStart(
    ProviderMetadataCache discovery,
    LoginCookies loginCookies,
    IOptions<AuthOptions> options,
    TimeProvider time,
    AuthApiMetrics metrics,
    ILogger<LoginStart> logger)
{
    /// <summary>The authorization URL of a login whose cookie is now set, or why none could start.</summary>
    /// <param name="request">A request <see cref="LoginRequestValidator"/> accepted.</param>
    public async Task<LoginStartResult> StartAsync(HttpContext context, LoginRequest request, CancellationToken cancellationToken)
    {
        var auth = options.Value;
        var providerName = request.Provider ?? auth.ResolveDefaultProvider()!;
        var metadata = await discovery.GetAsync(providerName, cancellationToken);
        if (metadata is null)
        {
            metrics.LoginFailed(providerName, ErrorCodes.ProviderUnavailable);
            return LoginStartResult.Failed(ErrorCodes.ProviderUnavailable);
        }

        var provider = auth.Providers[providerName];
        var now = time.GetUtcNow();
        var login = new LoginTransaction(
            Secrets.NewValue(),
            Secrets.NewValue(),
            Secrets.NewValue(),
            providerName,
            ReturnUrlValidator.ToAscii(request.ReturnUrl ?? "/"),
            now,
            MaxAgeOf(request, provider));
        if (!loginCookies.TryWrite(context, login, now + auth.LoginTimeout, crossSite: provider.UsesFormPost))
        {
            metrics.LoginFailed(providerName, ErrorCodes.InvalidReturnUrl);
            return LoginStartResult.Failed(ErrorCodes.InvalidReturnUrl);
        }
        logger.LoginStarted(providerName);
        metrics.LoginStarted(providerName);
        return LoginStartResult.Started(AuthorizationUrl(metadata, provider, login, request, auth.RedirectUriOf(providerName)));
    }

    private static string AuthorizationUrl(ProviderMetadata metadata, ProviderOptions provider, LoginTransaction login, LoginRequest request, string redirectUri)
    {
        // Per-login hints from the query win over the configured defaults of the same name.
        var extra = new Parameters(provider.AuthorizeParameters
            .Where(parameter => !IsSetByRequest(parameter.Key, request)));
        return new RequestUrl(metadata.AuthorizationEndpoint).CreateAuthorizeUrl(
            clientId: provider.ClientId,
            responseType: "code",
            scope: provider.Scope,
            redirectUri: redirectUri,
            // Sent only for form_post: query is the code flow's default response mode (OAuth 2.0 Multiple Response Types §5).
            responseMode: provider.UsesFormPost ? ProviderOptions.FormPostResponseMode : null,
            state: login.State,
            nonce: login.Nonce,
            loginHint: request.LoginHint,
            prompt: request.Prompt,
            codeChallenge: CodeChallenge(login.CodeVerifier),
            codeChallengeMethod: "S256",
            maxAge: request.MaxAge is null ? null : login.MaxAge,
            uiLocales: request.UiLocales,
            extra: extra);
    }

    /// <summary>The PKCE S256 challenge of a verifier (RFC 7636 §4.2).</summary>
    private static string CodeChallenge(string codeVerifier) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));

    /// <summary>The <c>max_age</c> this login sends: the query's, else the configured authorize parameter's.</summary>
    private static int? MaxAgeOf(LoginRequest request, ProviderOptions provider) =>
        int.TryParse(request.MaxAge ?? provider.AuthorizeParameters.GetValueOrDefault("max_age"), NumberStyles.None, CultureInfo.InvariantCulture, out var maxAge)
            ? maxAge
            : null;

    private static bool IsSetByRequest(string parameter, LoginRequest request) => parameter switch
    {
        "prompt" => request.Prompt is not null,
        "login_hint" => request.LoginHint is not null,
        "max_age" => request.MaxAge is not null,
        "ui_locales" => request.UiLocales is not null,
        _ => false,
    };
}

/// <summary>What starting a login came to: the authorization URL, or the <c>errorCode</c> of why it could not start.</summary>
internal sealed record LoginStartResult(string? AuthorizationUrl, string? ErrorCode)
{
    public static LoginStartResult Started(string authorizationUrl) => new(authorizationUrl, null);

    public static LoginStartResult Failed(string errorCode) => new(null, errorCode);
}
