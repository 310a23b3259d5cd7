using System.ComponentModel;
using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Options;
using AuthApi.Provider;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Login;

/// <summary><c>GET /login</c> and <c>GET</c> or <c>POST /oauth2callback</c>: the authorization code flow with PKCE.</summary>
internal static class LoginEndpoints
{
    public static RouteGroupBuilder MapLoginEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Login").RequireRateLimiting(ClientRateLimit.Login.PolicyName).AnswersNavigationsWithErrorPage();

        group.MapGet("/login", StartLogin)
            .WithName("StartLogin")
            .WithSummary("Start a login with a provider")
            .WithDescription("Redirects (302) to the provider's authorization endpoint with PKCE (S256), state and nonce, after setting a correlation cookie. With 'Accept: application/json' answers 200 with the authorization URL instead.")
            .WithResponseDescription(StatusCodes.Status200OK, "The provider's authorization URL, because the request asked for Accept: application/json. The correlation cookie is set. "
                + "To log in, open the URL in this same browser (from Swagger UI: copy it into a new tab); the provider sends the browser back to /oauth2callback, which sets the session.",
                ("google", LoginExamples.AuthorizationUrl))
            .Produces(StatusCodes.Status302Found)
            .WithResponseDescription(StatusCodes.Status302Found, "To the provider's authorization endpoint, with PKCE (S256), state and nonce. The correlation cookie is set.")
            .ProducesErrorCodes(StatusCodes.Status400BadRequest, ErrorCodes.UnknownProvider, ErrorCodes.InvalidReturnUrl, ErrorCodes.InvalidRequest)
            .ProducesRateLimited()
            .ProducesErrorCodes(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ProviderUnavailable, ErrorCodes.SessionStoreUnavailable)
            .ProducesRetryAfter(StatusCodes.Status503ServiceUnavailable, ProviderMetadataCache.FailureBackoff);

        group.MapGet("/oauth2callback", CompleteLogin)
            .WithName("CompleteLogin")
            .WithSummary("Finish a login (the provider's redirect target)")
            .WithDescription("The redirect URI when one provider is configured. Exchanges the code, validates the ID token, writes the session and redirects (302) to the login's returnUrl. On failure redirects there with auth_error=<errorCode> and creates no session. Without code and error it is the return from the provider's logout and redirects to Auth:PostLogoutReturnUrl.")
            .ProducesCallbackRedirect();

        group.MapGet("/oauth2callback/{provider}", CompleteProviderLogin)
            .WithName("CompleteProviderLogin")
            .WithSummary("Finish a login at one of several providers (its redirect target)")
            .WithDescription("Like GET /oauth2callback, at the redirect URI of one provider when several are configured. A login is completed only at the redirect URI of the provider it started with; anywhere else it fails with auth_error=callback_mismatch before the code is sent anywhere (mix-up defence, RFC 9700 4.4).")
            .ProducesCallbackRedirect();

        group.MapPost("/oauth2callback", CompletePostedLogin)
            .WithName("CompletePostedLogin")
            .WithSummary("Finish a login the provider posts (response_mode=form_post)")
            .WithDescription("The redirect URI when one provider is configured and its ResponseMode is form_post: the provider's form post (OAuth 2.0 Form Post Response Mode), answered like GET /oauth2callback. "
                + "A POST for a login whose provider answers by query fails with auth_error=callback_mismatch before the code is sent anywhere, as does a GET with a code for a form_post login. "
                + "Needs no anti-forgery header: the post is cross-site by design; the state and its login cookie (SameSite=None; Secure) bind it to the browser that started the login. "
                + "A body that is not a form of at most 16 KB with each field once answers 400.")
            .DocumentsFormBody<CallbackForm>()
            .ProducesPostedCallback();

        group.MapPost("/oauth2callback/{provider}", CompletePostedProviderLogin)
            .WithName("CompletePostedProviderLogin")
            .WithSummary("Finish a login one of several providers posts (response_mode=form_post)")
            .WithDescription("Like POST /oauth2callback, at the redirect URI of one provider when several are configured; like GET /oauth2callback/{provider}, a login is completed only at the redirect URI of the provider it started with (auth_error=callback_mismatch).")
            .DocumentsFormBody<CallbackForm>()
            .ProducesPostedCallback();

        return group;
    }

    private static async Task<Results<FoundHttpResult, Ok<LoginUrlResponse>, ProblemHttpResult, RetryAfterResult>> StartLogin(
        [AsParameters] LoginRequest request,
        IValidator<LoginRequest> validator,
        LoginStart login,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            var failure = validation.Errors[0];
            return failure.ErrorCode switch
            {
                ErrorCodes.UnknownProvider => AuthProblems.UnknownProvider(request.Provider),
                ErrorCodes.InvalidReturnUrl => AuthProblems.InvalidReturnUrl(),
                _ => AuthProblems.InvalidRequest(failure.ErrorMessage),
            };
        }

        var started = await login.StartAsync(context, request, cancellationToken);
        return started switch
        {
            { AuthorizationUrl: { } url } when WantsJson(context.Request) => TypedResults.Ok(new LoginUrlResponse(url)),
            { AuthorizationUrl: { } url } => new FoundHttpResult(url),
            { ErrorCode: ErrorCodes.InvalidReturnUrl } => AuthProblems.InvalidReturnUrl(),
            _ => AuthProblems.ProviderUnavailable().WithRetryAfter(ProviderMetadataCache.FailureBackoff),
        };
    }

    private static Task<FoundHttpResult> CompleteLogin([AsParameters] CallbackRequest request, LoginCallback callback, HttpContext context, CancellationToken cancellationToken) =>
        CompleteAsync(request, callbackPath: "", callback, context, cancellationToken);

    private static Task<FoundHttpResult> CompleteProviderLogin(
        [Description("The last segment of the provider's redirect URI: its name, unless Auth:Providers:{name}:RedirectUri says otherwise.")][SampleValue("dev")] string provider,
        [AsParameters] CallbackRequest request,
        LoginCallback callback,
        HttpContext context,
        CancellationToken cancellationToken) =>
        CompleteAsync(request, callbackPath: "/" + provider, callback, context, cancellationToken);

    private static Task<Results<FoundHttpResult, ProblemHttpResult>> CompletePostedLogin(LoginCallback callback, HttpContext context, CancellationToken cancellationToken) =>
        CompletePostedAsync(callbackPath: "", callback, context, cancellationToken);

    private static Task<Results<FoundHttpResult, ProblemHttpResult>> CompletePostedProviderLogin(
        [Description("The last segment of the provider's redirect URI: its name, unless Auth:Providers:{name}:RedirectUri says otherwise.")][SampleValue("dev")] string provider,
        LoginCallback callback,
        HttpContext context,
        CancellationToken cancellationToken) =>
        CompletePostedAsync(callbackPath: "/" + provider, callback, context, cancellationToken);

    /// <param name="callbackPath">What follows <c>/oauth2callback</c> in the path the browser came back to: "" or "/{provider}".</param>
    private static async Task<Results<FoundHttpResult, ProblemHttpResult>> CompletePostedAsync(string callbackPath, LoginCallback callback, HttpContext context, CancellationToken cancellationToken) =>
        await callback.CompletePostedAsync(context, callbackPath, cancellationToken) is { } location
            ? new FoundHttpResult(location)
            // A malformed body names no login whose returnUrl could carry auth_error: refused like any malformed request.
            : AuthProblems.InvalidRequest($"The callback's body must be {UrlEncodedForm.MediaType}, at most {CallbackForm.MaxBodyBytes} bytes, with each field at most once.");

    /// <param name="callbackPath">What follows <c>/oauth2callback</c> in the path the browser came back to: "" or "/{provider}".</param>
    private static async Task<FoundHttpResult> CompleteAsync(CallbackRequest request, string callbackPath, LoginCallback callback, HttpContext context, CancellationToken cancellationToken) =>
        new(await callback.CompleteAsync(context, request, callbackPath, cancellationToken));

    private static RouteHandlerBuilder ProducesCallbackRedirect(this RouteHandlerBuilder builder, string description = LoginExamples.CallbackRedirect) =>
        builder
            .Produces(StatusCodes.Status302Found)
            .WithResponseDescription(StatusCodes.Status302Found, description)
            .ProducesRateLimited();

    private static RouteHandlerBuilder ProducesPostedCallback(this RouteHandlerBuilder builder) =>
        builder
            // The provider's post is cross-site by design and carries no anti-forgery token: state and its login cookie bind it.
            .DisableAntiforgery()
            .ProducesCallbackRedirect(LoginExamples.PostedCallbackRedirect)
            .ProducesErrorCodes(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest);

    private static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}
