using System.Text.Json;
using AuthApi.Client;

namespace AuthApi.OpenApi;

/// <summary>
/// What each operation's success and redirect responses mean, by operationId and status, with sample bodies
/// built from the response records so they serialize exactly like the real answers.
/// </summary>
internal static class SuccessResponses
{
    private const string SampleSid = "3vYq0pZ6Hn1cW8bF2kLr5tX9aD4gJ7mQ0sU2wE6yB8c";
    private const string SampleIdToken = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjFlOWdkazcifQ.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20iLCJzdWIiOiIxMjM0In0.c2lnbmF0dXJl";

    private const string CallbackRedirect =
        "To the login's returnUrl with the session cookies set. On failure, no session: to the returnUrl (or /) with "
        + $"auth_error={ErrorCodes.LoginExpired}, {ErrorCodes.CallbackMismatch}, {ErrorCodes.StateMismatch}, {ErrorCodes.IssuerMismatch}, "
        + $"{ErrorCodes.ProviderError}, {ErrorCodes.TokenExchangeFailed}, {ErrorCodes.IdTokenInvalid}, {ErrorCodes.UserInfoInvalid} or "
        + $"{ErrorCodes.SessionTooLarge}. Without code and error (the return from the provider's logout): to Auth:PostLogoutReturnUrl.";

    private static readonly DateTimeOffset LoggedInAt = new(2025, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private static readonly Dictionary<(string OperationId, int Status), SuccessResponse> Responses = new()
    {
        [("Login", StatusCodes.Status200OK)] = new(
            "The provider's authorization URL, because the request asked for Accept: application/json. The correlation cookie is set.",
            ("google", new LoginUrlResponse(
                "https://accounts.google.com/o/oauth2/v2/auth?client_id=1234-abcd.apps.googleusercontent.com&response_type=code"
                + "&scope=openid%20profile%20email&redirect_uri=https%3A%2F%2Fauth.example.com%2Foauth2callback"
                + "&state=Vx2mK9pQ4rT7wY1zA3cE5gH8jL0nP2sU4vX6yB9dF1h&nonce=Qa7sD2fG5hJ8kL1zX4cV7bN0mQ3wE6rT9yU2iO5pA8s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"))),
        [("Login", StatusCodes.Status302Found)] = new(
            "To the provider's authorization endpoint, with PKCE (S256), state and nonce. The correlation cookie is set."),
        [("Callback", StatusCodes.Status302Found)] = new(CallbackRedirect),
        [("ProviderCallback", StatusCodes.Status302Found)] = new(CallbackRedirect),
        [("GetMe", StatusCodes.Status200OK)] = new(
            "The logged-in user, or only isLoggedIn: false for an anonymous caller.",
            ("loggedIn", new MeResponse
            {
                IsLoggedIn = true,
                Provider = "google",
                Sub = "1234",
                Name = "Ada Lovelace",
                Email = "ada@example.com",
                Claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""
                    {
                      "iss": "https://accounts.google.com",
                      "sub": "1234",
                      "aud": "1234-abcd.apps.googleusercontent.com",
                      "iat": 1736933400,
                      "exp": 1736937000,
                      "name": "Ada Lovelace",
                      "given_name": "Ada",
                      "family_name": "Lovelace",
                      "email": "ada@example.com",
                      "email_verified": true
                    }
                    """),
                Session = new SessionInfo(LoggedInAt, LoggedInAt.AddDays(30), LoggedInAt.AddHours(1)),
                LogoutUrl = $"/logout?sid={SampleSid}",
            }),
            ("anonymous", MeResponse.Anonymous)),
        [("GetTokens", StatusCodes.Status200OK)] = new(
            "The tokens Auth:ExposeTokens names, refreshed first when the access token has (nearly) expired; {} when none is exposed.",
            // The access token is the sample of RFC 6749 §4.1.4.
            ("idAndAccess", new TokensResponse
            {
                Id = SampleIdToken,
                Access = "2YotnFZFEjr1zCsicMWpAA",
                AccessTokenExpiresAt = LoggedInAt.AddHours(1),
                TokenType = "Bearer",
                Scope = "openid profile email",
            }),
            ("noneExposed", new TokensResponse())),
        [("RefreshTokens", StatusCodes.Status200OK)] = new(
            "The session was refreshed at the provider; the exposed tokens, as GET /me/tokens answers them.",
            ("refreshed", new TokensResponse
            {
                Access = "8xLOxBtZp8",
                AccessTokenExpiresAt = LoggedInAt.AddHours(2),
                TokenType = "Bearer",
                Scope = "openid profile email",
            })),
        [("Logout", StatusCodes.Status200OK)] = new(
            "The session cookies are deleted; send the browser to logoutUrl to end the session at the provider too.",
            ("endSession", new LogoutResponse(
                "https://id.example.com/realms/main/protocol/openid-connect/logout?client_id=authapi"
                + "&post_logout_redirect_uri=https%3A%2F%2Fauth.example.com%2Foauth2callback&id_token_hint=" + SampleIdToken))),
        [("LogoutRedirect", StatusCodes.Status302Found)] = new(
            "The session cookies are deleted; to the provider's end-session endpoint, or to Auth:PostLogoutReturnUrl when it has none."),
        [("GetProviders", StatusCodes.Status200OK)] = new(
            "The configured providers, sorted by name.",
            ("twoProviders", new ProviderInfo[]
            {
                new("entra", "Microsoft Entra ID", "/login?provider=entra"),
                new("google", "Google", "/login?provider=google"),
            })),
        [("Health", StatusCodes.Status200OK)] = new(
            "The process is alive.",
            ("alive", new HealthResponse("alive"))),
        [("Ready", StatusCodes.Status200OK)] = new(
            "Every provider's metadata is loaded or loadable.",
            ("ready", new HealthResponse("ready", new Dictionary<string, string> { ["entra"] = "ready", ["google"] = "ready" }))),
    };

    public static SuccessResponse? For(string? operationId, int status) =>
        operationId is null ? null : Responses.GetValueOrDefault((operationId, status));
}

/// <summary>A success or redirect response's meaning and its named example bodies.</summary>
internal sealed record SuccessResponse(string Description, params (string Name, object Body)[] Examples);
