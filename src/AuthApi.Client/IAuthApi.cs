using AuthApi.Contracts;
using Refit;

namespace AuthApi.Client;

/// <summary>
/// AuthApi's endpoints, for a .NET frontend or service acting for one logged-in browser session.
/// Register it with <see cref="AuthApiClientServiceCollectionExtensions.AddAuthApiClient"/>, which also sends
/// <c>X-CSRF: 1</c> with state-changing requests and the session cookies from the configured source.
/// </summary>
/// <remarks>
/// An error answer (RFC 9457 Problem Details) throws <see cref="AuthApiException"/> with its
/// <see cref="AuthApiException.ErrorCode"/>; methods returning <see cref="ApiResponse{T}"/> put it in
/// <see cref="IApiResponse.Error"/> instead, and methods returning <see cref="HttpResponseMessage"/> leave the answer as it is.
/// </remarks>
public interface IAuthApi
{
    /// <summary><c>GET /me</c>: who is logged in. Always answers, with <c>IsLoggedIn: false</c> when anonymous; counts as activity.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The user's identity, claims, session lifetime and logout link.</returns>
    [Get("/me")]
    Task<MeResponse> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /me/tokens</c>: the token kinds the service exposes, refreshed first when the access token is about to expire.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The exposed tokens; none set when the service exposes none.</returns>
    /// <exception cref="AuthApiException"><see cref="ErrorCodes.NotAuthenticated"/>, <see cref="ErrorCodes.SessionEnded"/> or <see cref="ErrorCodes.RefreshFailed"/>.</exception>
    [Get("/me/tokens")]
    Task<TokensResponse> GetTokensAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /me/tokens/refresh</c>: refreshes the session's tokens now.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The exposed tokens after the refresh.</returns>
    /// <exception cref="AuthApiException">
    /// <see cref="ErrorCodes.NotAuthenticated"/>, <see cref="ErrorCodes.SessionEnded"/> (the session was ended),
    /// <see cref="ErrorCodes.NoRefreshToken"/> or <see cref="ErrorCodes.RefreshFailed"/> (the session is kept).
    /// </exception>
    [Post("/me/tokens/refresh")]
    Task<TokensResponse> RefreshTokensAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /logout</c>: ends the session (and revokes its refresh token where the provider allows). Succeeds when anonymous too.</summary>
    /// <param name="everywhere">True ends every session of the user in every browser (server-side sessions only).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Where to send the browser to finish logging out at the provider.</returns>
    /// <exception cref="AuthApiException"><see cref="ErrorCodes.SessionStoreDisabled"/> for <paramref name="everywhere"/> without server-side sessions.</exception>
    [Post("/logout")]
    Task<LogoutResponse> LogoutAsync(bool? everywhere = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /me/sessions</c>: every session of the user, in every browser (server-side sessions only).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The sessions, most recently seen first; <see cref="ActiveSession.Current"/> marks this one.</returns>
    /// <exception cref="AuthApiException"><see cref="ErrorCodes.NotAuthenticated"/> or <see cref="ErrorCodes.SessionStoreDisabled"/>.</exception>
    [Get("/me/sessions")]
    Task<IReadOnlyList<ActiveSession>> GetSessionsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /me/sessions/{id}</c>: ends one of the user's sessions, wherever it is used.</summary>
    /// <param name="id">The session's <see cref="ActiveSession.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="AuthApiException">
    /// <see cref="ErrorCodes.NotAuthenticated"/>, <see cref="ErrorCodes.SessionNotFound"/> or <see cref="ErrorCodes.SessionStoreDisabled"/>.
    /// </exception>
    [Delete("/me/sessions/{id}")]
    Task EndSessionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /logout?sid=</c>: the logout link from <see cref="MeResponse.LogoutUrl"/>, meant for a browser to follow.
    /// For tools and tests that follow the link: the answer is a 302 to the logout URL, or 400 <see cref="ErrorCodes.InvalidSid"/>.
    /// </summary>
    /// <param name="sid">The session ID in <see cref="MeResponse.LogoutUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw answer (not followed, not thrown); dispose it.</returns>
    [Get("/logout")]
    Task<HttpResponseMessage> FollowLogoutLinkAsync(string sid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /providers</c>: the configured providers, for drawing login buttons.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Each provider's name, display name and login URL.</returns>
    [Get("/providers")]
    Task<IReadOnlyList<ProviderInfo>> GetProvidersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /login</c> with <c>Accept: application/json</c>: starts a login and returns the provider's authorization URL to send the
    /// browser to. The login's correlation cookie is set on this answer, so the callback must come from the same cookie holder.
    /// </summary>
    /// <param name="provider">The provider's name; optional with one provider or <c>Auth:DefaultProvider</c>.</param>
    /// <param name="returnUrl">Where the browser lands after the login: a local path or a URL on an allowed origin. Defaults to <c>/</c>.</param>
    /// <param name="prompt">Passed to the provider, e.g. <c>login</c> or <c>select_account</c>.</param>
    /// <param name="loginHint">Passed to the provider as <c>login_hint</c>.</param>
    /// <param name="maxAge">Passed to the provider as <c>max_age</c> (seconds).</param>
    /// <param name="uiLocales">Passed to the provider as <c>ui_locales</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The authorization URL.</returns>
    /// <exception cref="AuthApiException">
    /// <see cref="ErrorCodes.UnknownProvider"/>, <see cref="ErrorCodes.InvalidReturnUrl"/>, <see cref="ErrorCodes.InvalidRequest"/>
    /// or <see cref="ErrorCodes.ProviderUnavailable"/>.
    /// </exception>
    [Get("/login")]
    [Headers("Accept: application/json")]
    Task<LoginUrlResponse> GetLoginUrlAsync(
        string? provider = null,
        string? returnUrl = null,
        string? prompt = null,
        [AliasAs("login_hint")] string? loginHint = null,
        [AliasAs("max_age")] int? maxAge = null,
        [AliasAs("ui_locales")] string? uiLocales = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /oauth2callback</c>: the provider's redirect target, meant for a browser. For tools and tests that complete a login
    /// themselves: the answer is a 302 to the return URL (with <c>auth_error</c> on failure) that sets the session cookies.
    /// </summary>
    /// <param name="code">The authorization code the provider issued.</param>
    /// <param name="state">The <c>state</c> from the authorization URL.</param>
    /// <param name="iss">The provider's issuer, when it sends one (RFC 9207).</param>
    /// <param name="error">The provider's error code, instead of a code.</param>
    /// <param name="errorDescription">The provider's error description.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw answer (not followed, not thrown); dispose it.</returns>
    [Get("/oauth2callback")]
    Task<HttpResponseMessage> CompleteLoginAsync(
        string? code,
        string? state,
        string? iss = null,
        string? error = null,
        [AliasAs("error_description")] string? errorDescription = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /oauth2callback/{provider}</c>: like <see cref="CompleteLoginAsync"/>, at the redirect URI of one of several providers
    /// (the <c>redirect_uri</c> in its authorization URL). A login completes only at the redirect URI of the provider it started with.
    /// </summary>
    /// <param name="provider">The last path segment of the provider's redirect URI, by default the provider's name.</param>
    /// <param name="code">The authorization code the provider issued.</param>
    /// <param name="state">The <c>state</c> from the authorization URL.</param>
    /// <param name="iss">The provider's issuer, when it sends one (RFC 9207).</param>
    /// <param name="error">The provider's error code, instead of a code.</param>
    /// <param name="errorDescription">The provider's error description.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw answer (not followed, not thrown); dispose it.</returns>
    [Get("/oauth2callback/{provider}")]
    Task<HttpResponseMessage> CompleteProviderLoginAsync(
        string provider,
        string? code,
        string? state,
        string? iss = null,
        string? error = null,
        [AliasAs("error_description")] string? errorDescription = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /oauth2callback</c>: the redirect target of a provider whose <c>ResponseMode</c> is <c>form_post</c>, meant for a
    /// browser. For tools and tests that complete such a login themselves: the answer is a 302 to the return URL (with
    /// <c>auth_error</c> on failure) that sets the session cookies; a malformed form is a 400.
    /// </summary>
    /// <param name="form">What the provider posts: code and state, or error.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw answer (not followed, not thrown); dispose it.</returns>
    [Post("/oauth2callback")]
    Task<HttpResponseMessage> CompletePostedLoginAsync(
        [Body(BodySerializationMethod.UrlEncoded)] PostedCallbackForm form,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /oauth2callback/{provider}</c>: like <see cref="CompletePostedLoginAsync"/>, at the redirect URI of one of several
    /// providers. A login completes only at the redirect URI of the provider it started with.
    /// </summary>
    /// <param name="provider">The last path segment of the provider's redirect URI, by default the provider's name.</param>
    /// <param name="form">What the provider posts: code and state, or error.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw answer (not followed, not thrown); dispose it.</returns>
    [Post("/oauth2callback/{provider}")]
    Task<HttpResponseMessage> CompletePostedProviderLoginAsync(
        string provider,
        [Body(BodySerializationMethod.UrlEncoded)] PostedCallbackForm form,
        CancellationToken cancellationToken = default);

    /// <summary><c>GET /healthz</c>: the process answers.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Status <c>alive</c>.</returns>
    [Get("/healthz")]
    Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /readyz</c>: every provider's metadata is loaded or loadable. The status matters, so this does not throw for an answer:
    /// 200 with each provider's state, or 503 with <see cref="ErrorCodes.ProviderUnavailable"/> as an <see cref="AuthApiException"/> in
    /// <see cref="IApiResponse.Error"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer with its status; dispose it.</returns>
    [Get("/readyz")]
    Task<ApiResponse<HealthResponse>> GetReadinessAsync(CancellationToken cancellationToken = default);
}
