using System.Globalization;
using AuthApi.Client;
using AuthApi.Discovery;
using AuthApi.Http;
using AuthApi.Logging;
using AuthApi.Login;
using AuthApi.Options;
using AuthApi.Problems;
using Duende.IdentityModel.Client;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Endpoints;

/// <summary><c>GET /login</c> and <c>GET /oauth2callback</c>: the authorization code flow with PKCE.</summary>
internal static class LoginApi
{
    public static RouteGroupBuilder MapLoginApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Login").RequireRateLimiting(LoginRateLimit.PolicyName);

        group.MapGet("/login", Login)
            .WithName("Login")
            .WithSummary("Start a login with a provider")
            .WithDescription("Redirects (302) to the provider's authorization endpoint with PKCE (S256), state and nonce, after setting a correlation cookie. With 'Accept: application/json' answers 200 with the authorization URL instead.")
            .Produces(StatusCodes.Status302Found)
            .ProducesErrorCodes(StatusCodes.Status400BadRequest, ErrorCodes.UnknownProvider, ErrorCodes.InvalidReturnUrl, ErrorCodes.InvalidRequest)
            .ProducesErrorCodes(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited)
            .ProducesErrorCodes(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ProviderUnavailable);

        group.MapGet("/oauth2callback", Callback)
            .WithName("Callback")
            .WithSummary("Finish a login (the provider's redirect target)")
            .WithDescription("The redirect URI when one provider is configured. Exchanges the code, validates the ID token, writes the session and redirects (302) to the login's returnUrl. On failure redirects there with auth_error=<errorCode> and creates no session. Without code and error it is the return from the provider's logout and redirects to Auth:PostLogoutReturnUrl.")
            .Produces(StatusCodes.Status302Found)
            .ProducesErrorCodes(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);

        group.MapGet("/oauth2callback/{provider}", ProviderCallback)
            .WithName("ProviderCallback")
            .WithSummary("Finish a login at one of several providers (its redirect target)")
            .WithDescription("Like GET /oauth2callback, at the redirect URI of one provider when several are configured. A login is completed only at the redirect URI of the provider it started with; anywhere else it fails with auth_error=callback_mismatch before the code is sent anywhere (mix-up defence, RFC 9700 4.4).")
            .Produces(StatusCodes.Status302Found)
            .ProducesErrorCodes(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);

        return group;
    }

    private static async Task<Results<FoundHttpResult, Ok<LoginUrlResponse>, ProblemHttpResult>> Login(
        [AsParameters] LoginRequest request,
        [AsParameters] LoginServices services,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var validation = await services.Validator.ValidateAsync(request, cancellationToken);
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

        var options = services.Options.Value;
        var providerName = request.Provider ?? options.ResolveDefaultProvider()!;
        var metadata = await services.Discovery.GetAsync(providerName, cancellationToken);
        if (metadata is null)
        {
            return AuthProblems.ProviderUnavailable(context);
        }

        var provider = options.Providers[providerName];
        var now = services.Time.GetUtcNow();
        var login = new LoginTransaction(
            ProtocolRandom.NewValue(),
            ProtocolRandom.NewValue(),
            ProtocolRandom.NewValue(),
            providerName,
            ReturnUrlValidator.ToAscii(request.ReturnUrl ?? "/"),
            now,
            MaxAgeOf(request, provider));
        if (!services.LoginCookies.TryWrite(context, login, now + options.LoginTimeout))
        {
            return AuthProblems.InvalidReturnUrl();
        }
        Log.LoginStarted(services.Logger, providerName);

        var authorizationUrl = AuthorizationUrl(metadata, provider, login, request, options.RedirectUriOf(providerName));
        return WantsJson(context.Request)
            ? TypedResults.Ok(new LoginUrlResponse(authorizationUrl))
            : new FoundHttpResult(authorizationUrl);
    }

    private static Task<FoundHttpResult> Callback([AsParameters] CallbackRequest request, LoginCallback callback, IOptions<AuthOptions> options, HttpContext context, CancellationToken cancellationToken) =>
        CompleteAsync(request, callbackPath: "", callback, options, context, cancellationToken);

    /// <param name="provider">The last segment of the provider's redirect URI: its name, unless its RedirectUri says otherwise.</param>
    private static Task<FoundHttpResult> ProviderCallback(string provider, [AsParameters] CallbackRequest request, LoginCallback callback, IOptions<AuthOptions> options, HttpContext context, CancellationToken cancellationToken) =>
        CompleteAsync(request, callbackPath: "/" + provider, callback, options, context, cancellationToken);

    /// <param name="callbackPath">What follows <c>/oauth2callback</c> in the path the browser came back to: "" or "/{provider}".</param>
    private static async Task<FoundHttpResult> CompleteAsync(CallbackRequest request, string callbackPath, LoginCallback callback, IOptions<AuthOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.IsPostLogoutReturn)
        {
            return new FoundHttpResult(options.Value.PostLogoutReturnUrl);
        }
        return new FoundHttpResult(await callback.CompleteAsync(context, request, callbackPath, cancellationToken));
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
            state: login.State,
            nonce: login.Nonce,
            loginHint: request.LoginHint,
            prompt: request.Prompt,
            codeChallenge: ProtocolRandom.CodeChallenge(login.CodeVerifier),
            codeChallengeMethod: "S256",
            maxAge: request.MaxAge is null ? null : login.MaxAge,
            uiLocales: request.UiLocales,
            extra: extra);
    }

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

    private static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}

/// <summary>What <c>GET /login</c> needs.</summary>
internal sealed class LoginServices(
    IValidator<LoginRequest> validator,
    ProviderMetadataCache discovery,
    LoginCookies loginCookies,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<LoginServices> logger)
{
    public IValidator<LoginRequest> Validator { get; } = validator;
    public ProviderMetadataCache Discovery { get; } = discovery;
    public LoginCookies LoginCookies { get; } = loginCookies;
    public IOptions<AuthOptions> Options { get; } = options;
    public TimeProvider Time { get; } = time;
    public ILogger<LoginServices> Logger { get; } = logger;
}
