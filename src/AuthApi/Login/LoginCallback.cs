using System.Text;
using System.Text.Json;
using AuthApi.Contracts;
using AuthApi.Logging;
using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Redis;
using AuthApi.Security;
using AuthApi.Sessions;
using AuthApi.Telemetry;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AuthApi.Login;

/// <summary>
/// Finishes a login at <c>/oauth2callback</c>: checks the response against its correlation cookie,
/// exchanges the code, validates the ID token, merges userinfo and writes the session. Any failure
/// writes no session and sends the browser back with <c>auth_error</c>.
/// </summary>
internal sealed class LoginCallback(
    LoginCookies loginCookies,
    ISessionStore sessions,
    UsedStates usedStates,
    ProviderMetadataCache discovery,
    ProviderClient providerClient,
    IdTokenValidator idTokens,
    IOptions<AuthOptions> options,
    TimeProvider time,
    AuthApiMetrics metrics,
    ILogger<LoginCallback> logger)
{
    // A session too large for Redis is logged with its largest claims, each name cut to a length a log line can carry.
    private const int MaxClaimsNamed = 5;
    private const int MaxClaimNameLength = 64;

    /// <summary>Completes the login a GET to the redirect URI answers (response mode query) and returns where to redirect the browser.</summary>
    /// <param name="callbackPath">What follows <c>/oauth2callback</c> in the path the browser came back to: "" or "/{segment}".</param>
    public Task<string> CompleteAsync(HttpContext context, CallbackRequest request, string callbackPath, CancellationToken cancellationToken) =>
        CompleteAsync(context, request, appleUser: null, ProviderOptions.QueryResponseMode, callbackPath, cancellationToken);

    /// <summary>
    /// Completes the login a POST to the redirect URI answers (response mode form_post) and returns where to redirect the
    /// browser; null when the body is no well-formed <see cref="CallbackForm"/>, which names no login to send anyone back to.
    /// </summary>
    /// <param name="callbackPath">What follows <c>/oauth2callback</c> in the path the browser came back to: "" or "/{segment}".</param>
    public async Task<string?> CompletePostedAsync(HttpContext context, string callbackPath, CancellationToken cancellationToken)
    {
        var (form, problem) = await CallbackForm.ReadAsync(context.Request, cancellationToken);
        if (form is null)
        {
            logger.CallbackFormRefused(problem!);
            return null;
        }
        return await CompleteAsync(context, form.ToRequest(), form.User, ProviderOptions.FormPostResponseMode, callbackPath, cancellationToken);
    }

    /// <param name="appleUser">Apple's <c>user</c> form field, posted with the first login only.</param>
    /// <param name="responseMode">How the answer arrived: a GET (<c>query</c>) or a POST (<c>form_post</c>).</param>
    private async Task<string> CompleteAsync(HttpContext context, CallbackRequest request, string? appleUser, string responseMode, string callbackPath, CancellationToken cancellationToken)
    {
        if (request.IsPostLogoutReturn && responseMode == ProviderOptions.QueryResponseMode)
        {
            // The provider's end-session endpoint sends the browser back to the redirect URI (its post_logout_redirect_uri).
            return options.Value.PostLogoutReturnUrlOf(options.Value.ProviderAtCallbackPath(callbackPath));
        }
        var lookup = loginCookies.Find(context, request.State);
        if (lookup.Transaction is not { } login)
        {
            return Fail(null, ErrorCodes.LoginExpired, "no login cookie for this state");
        }
        loginCookies.Delete(context, login.State, crossSite: options.Value.Providers.GetValueOrDefault(login.Provider)?.UsesFormPost == true);

        if (!lookup.StateMatches)
        {
            return Fail(login, ErrorCodes.StateMismatch, "the state differs from the login cookie's");
        }
        var now = time.GetUtcNow();
        if (now - login.CreatedAt > options.Value.LoginTimeout || !options.Value.Providers.TryGetValue(login.Provider, out var provider))
        {
            return Fail(login, ErrorCodes.LoginExpired, "the login is older than Auth:LoginTimeout or its provider is gone");
        }
        // RFC 9700 §4.4: a response for this login is only valid at its provider's own redirect URI, or a malicious
        // provider could relay another provider's code here and have it sent to its own token endpoint.
        if (options.Value.CallbackPathOf(login.Provider) != callbackPath)
        {
            return Fail(login, ErrorCodes.CallbackMismatch, "the callback arrived at another provider's redirect URI than the login's");
        }
        // The provider answers in the one response mode the login asked for: an answer in the other (a code in a GET's query
        // for a form_post login, a POST for a query login) did not come from that provider's redirect, so it counts as mix-up too.
        if (provider.ResponseMode != responseMode)
        {
            return Fail(login, ErrorCodes.CallbackMismatch, $"the callback arrived by {MethodOf(responseMode)} while the provider's ResponseMode is {provider.ResponseMode}");
        }
        if (!usedStates.TryUse(login.State, login.CreatedAt + options.Value.LoginTimeout))
        {
            return Fail(login, ErrorCodes.LoginExpired, "this state was already used (replayed callback)");
        }

        var metadata = await discovery.GetAsync(login.Provider, cancellationToken);
        if (metadata is null)
        {
            return Fail(login, ErrorCodes.TokenExchangeFailed, "the provider's metadata is unavailable");
        }
        // RFC 9207 §2.4: check iss before anything else in the response, errors included.
        if (request.Iss is null ? metadata.IssParameterSupported : !IsProviderIssuer(request.Iss, metadata, provider))
        {
            return Fail(login, ErrorCodes.IssuerMismatch, request.Iss is null ? "iss is missing though the provider promises it" : "iss is not the provider's issuer");
        }
        if (request.Error is not null)
        {
            var providerError = ProviderValues.SafeErrorCode(request.Error);
            return Fail(login, ErrorCodes.ProviderError, $"the provider answered error={providerError}", providerError);
        }

        if (string.IsNullOrEmpty(request.Code))
        {
            return Fail(login, ErrorCodes.TokenExchangeFailed, "the callback has an empty code");
        }

        var tokens = await providerClient.ExchangeCodeAsync(login.Provider, metadata, provider, request.Code, login.CodeVerifier, options.Value.RedirectUriOf(login.Provider), cancellationToken);
        if (!TokenResponses.IsJsonObject(tokens) || tokens.IsError)
        {
            return Fail(login, ErrorCodes.TokenExchangeFailed, TokenResponses.Failure(tokens));
        }
        if (!TokenResponses.HasString(tokens, "id_token"))
        {
            return Fail(login, ErrorCodes.TokenExchangeFailed, "the response has no string id_token");
        }

        var idToken = await idTokens.ValidateAsync(login.Provider, metadata, tokens.IdentityToken!, new IdTokenExpectations(login.Nonce, login.MaxAge), cancellationToken);
        if (!idToken.IsValid)
        {
            return Fail(login, ErrorCodes.IdTokenInvalid, idToken.Error!);
        }

        var userInfoClaims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (provider.UseUserInfo && metadata.UserInfoEndpoint is { } userInfoEndpoint && !string.IsNullOrEmpty(tokens.AccessToken))
        {
            if (await MergeUserInfoAsync(login.Provider, userInfoEndpoint, tokens.AccessToken, idToken.Subject, idToken.Claims, userInfoClaims, cancellationToken) is { } problem)
            {
                return Fail(login, ErrorCodes.UserInfoInvalid, problem);
            }
        }

        if (appleUser is not null && !AppleUserClaims.TryAdd(appleUser, idToken.Claims, userInfoClaims))
        {
            logger.AppleUserIgnored(login.Provider, AppleUserClaims.MaxBytes);
        }

        var session = NewSession(login.Provider, idToken, SessionIdToken.From(tokens.IdentityToken!), userInfoClaims, now);
        var sessionTokens = new SessionTokens(
            session.Id,
            tokens.AccessToken.NullIfEmpty(),
            TokenResponses.RefreshTokenOf(tokens),
            string.IsNullOrEmpty(tokens.AccessToken) ? null : AccessTokenExpiry.Of(tokens, provider, now),
            tokens.TokenType.NullIfEmpty(),
            tokens.Scope.NullIfEmpty());
        SessionWrite written;
        try
        {
            written = await sessions.CreateAsync(context, new NewSession(session, sessionTokens, session.StringClaim("sid")));
        }
        catch (Exception ex) when (RedisFailure.Is(ex))
        {
            return Fail(login, ErrorCodes.SessionStoreUnavailable, "Redis did not store the session");
        }
        if (!written.Written)
        {
            if (options.Value.Session.Store == SessionStoreKind.Redis)
            {
                logger.StoredSessionTooLarge(login.Provider, written.StoredBytes, options.Value.Session.MaxStoredBytes, LargestClaims(session), Utf8Length(sessionTokens.AccessToken), Utf8Length(sessionTokens.RefreshToken));
            }
            else
            {
                logger.SessionTooLarge(login.Provider, written.CookieBytes, options.Value.Session.MaxCookieBytes);
            }
            metrics.LoginFailed(login.Provider, ErrorCodes.SessionTooLarge);
            return WithError(login.ReturnUrl, ErrorCodes.SessionTooLarge);
        }

        logger.LoginSucceeded(login.Provider);
        metrics.LoginSucceeded(login.Provider);
        return login.ReturnUrl;
    }

    /// <summary>
    /// Collects into <paramref name="userInfoOnly"/> the userinfo claims the signed ID token lacks (the session stores the ID
    /// token once, and these beside it); returns why the login must fail, or null. Only a userinfo answer for another subject
    /// fails it (OIDC Core §5.3.2, a substituted access token); any other failure is logged and skipped: the ID token already
    /// says who the user is, and Entra, for one, refuses userinfo for an access token of an API scope.
    /// </summary>
    private async Task<string?> MergeUserInfoAsync(string provider, string endpoint, string accessToken, string subject, Dictionary<string, JsonElement> idTokenClaims, Dictionary<string, JsonElement> userInfoOnly, CancellationToken cancellationToken)
    {
        var userInfo = await providerClient.GetUserInfoAsync(provider, endpoint, accessToken, cancellationToken);
        if (userInfo.Claims is not { } userClaims)
        {
            logger.UserInfoUnavailable(provider, userInfo.Problem!);
            return null;
        }
        if (!userClaims.TryGetValue("sub", out var sub) || sub.ValueKind != JsonValueKind.String)
        {
            logger.UserInfoUnavailable(provider, "the body has no string sub");
            return null;
        }
        if (sub.GetString() != subject)
        {
            return "userinfo's sub differs from the ID token's";
        }
        foreach (var (name, value) in userClaims)
        {
            if (!idTokenClaims.ContainsKey(name)) // the signed ID token wins where both have a claim
            {
                userInfoOnly.TryAdd(name, value);
            }
        }
        return null;
    }

    private UserSession NewSession(string provider, IdTokenResult idToken, SessionIdToken storedIdToken, Dictionary<string, JsonElement> userInfoClaims, DateTimeOffset now)
    {
        var sessionOptions = options.Value.Session;
        var expiresAt = now + sessionOptions.AbsoluteLifetime;
        if (sessionOptions.UseProviderExpiry && idToken.ExpiresAt < expiresAt)
        {
            expiresAt = idToken.ExpiresAt;
        }
        return new UserSession(
            Secrets.NewValue(),
            provider,
            idToken.Subject,
            storedIdToken,
            userInfoClaims.Count > 0 ? userInfoClaims : null,
            now,
            expiresAt,
            sessionOptions.IdleTimeout is { } idle ? Min(now + idle, expiresAt) : null);
    }

    /// <summary>RFC 9207's <c>iss</c>: the provider's issuer, or for a multi-tenant issuer its template filled with an allowed tenant.</summary>
    private static bool IsProviderIssuer(string iss, ProviderMetadata metadata, ProviderOptions provider) =>
        TenantIssuer.IsTemplate(metadata.Issuer) ? TenantIssuer.IsAllowed(metadata.Issuer, iss, provider.AllowedTenants) : iss == metadata.Issuer;

    private string Fail(LoginTransaction? login, string errorCode, string reason, string? providerError = null)
    {
        logger.LoginFailed(errorCode, login?.Provider ?? "(unknown)", reason);
        metrics.LoginFailed(login?.Provider, errorCode);
        var url = WithError(login?.ReturnUrl ?? "/", errorCode);
        return string.IsNullOrEmpty(providerError) ? url : QueryHelpers.AddQueryString(url, "auth_error_detail", providerError);
    }

    private static string WithError(string returnUrl, string errorCode) =>
        QueryHelpers.AddQueryString(returnUrl, "auth_error", errorCode);

    private static string MethodOf(string responseMode) => responseMode == ProviderOptions.FormPostResponseMode ? "POST" : "GET";

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The session's largest claims by name and size, for a log line saying what to trim: never a value.</summary>
    private static string LargestClaims(UserSession session) => string.Join(", ", session.Claims
        .Select(claim => (Name: claim.Key, Bytes: Utf8Length(claim.Key) + Utf8Length(claim.Value.GetRawText())))
        .OrderByDescending(claim => claim.Bytes)
        .Take(MaxClaimsNamed)
        .Select(claim => $"{LogText.Escaped(claim.Name.Length > MaxClaimNameLength ? claim.Name[..MaxClaimNameLength] + "…" : claim.Name)} ({claim.Bytes} bytes)"));

    private static int Utf8Length(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
