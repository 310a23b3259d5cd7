using AuthApi.Contracts;

namespace AuthApi.Login;

/// <summary>What the login endpoints' answers look like, for their OpenAPI description.</summary>
internal static class LoginExamples
{
    /// <summary>The 302 of a posted callback (form_post): the return after logout is always a GET.</summary>
    public const string PostedCallbackRedirect =
        "To the login's returnUrl with the session cookies set. On failure, no session: to the returnUrl (or /) with "
        + $"auth_error={ErrorCodes.LoginExpired}, {ErrorCodes.CallbackMismatch}, {ErrorCodes.StateMismatch}, {ErrorCodes.IssuerMismatch}, "
        + $"{ErrorCodes.ProviderError}, {ErrorCodes.TokenExchangeFailed}, {ErrorCodes.IdTokenInvalid}, {ErrorCodes.UserInfoInvalid} or "
        + $"{ErrorCodes.SessionTooLarge}.";

    public const string CallbackRedirect =
        PostedCallbackRedirect + " Without code and error (the return from the provider's logout): to Auth:PostLogoutReturnUrl.";

    public static readonly LoginUrlResponse AuthorizationUrl = new(
        "https://accounts.google.com/o/oauth2/v2/auth?client_id=1234-abcd.apps.googleusercontent.com&response_type=code"
        + "&scope=openid%20profile%20email&redirect_uri=https%3A%2F%2Fauth.example.com%2Foauth2callback"
        + "&state=Vx2mK9pQ4rT7wY1zA3cE5gH8jL0nP2sU4vX6yB9dF1h&nonce=Qa7sD2fG5hJ8kL1zX4cV7bN0mQ3wE6rT9yU2iO5pA8s"
        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");

    public static readonly ProviderInfo[] Providers =
    [
        new("entra", "Microsoft Entra ID", "/login?provider=entra"),
        new("google", "Google", "/login?provider=google"),
    ];
}
