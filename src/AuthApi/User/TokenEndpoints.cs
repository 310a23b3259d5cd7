using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Sessions;
using AuthApi.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.User;

/// <summary><c>GET /me/tokens</c> (Streamlit's <c>st.user.tokens</c>) and <c>POST /me/tokens/refresh</c>.</summary>
internal static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/me/tokens").WithTags("User");

        group.MapGet("", GetTokens)
            .WithName("GetTokens")
            .WithSummary("The session's exposed tokens")
            .WithDescription("Only the token kinds Auth:ExposeTokens names ({} when none). When the access token expires within Auth:RefreshBefore and a refresh token exists, the tokens are refreshed first. 401 not_authenticated when anonymous.")
            .WithResponseDescription(StatusCodes.Status200OK, "The tokens Auth:ExposeTokens names, refreshed first when the access token has (nearly) expired; {} when none is exposed.",
                ("idAndAccess", UserExamples.IdAndAccessTokens), ("noneExposed", new TokensResponse()))
            .ReadsSessionCookie(required: true)
            .ProducesErrorCodes(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated, ErrorCodes.SessionEnded)
            .ProducesErrorCodes(StatusCodes.Status502BadGateway, ErrorCodes.RefreshFailed);

        group.MapPost("/refresh", RefreshTokens)
            .RequireAntiForgeryHeader()
            .WithName("RefreshTokens")
            .WithSummary("Refresh the session's tokens now")
            .WithDescription("Uses the refresh token and rewrites the session; answers like GET /me/tokens. Concurrent calls share one refresh at the provider.")
            .WithResponseDescription(StatusCodes.Status200OK, "The session was refreshed at the provider; the exposed tokens, as GET /me/tokens answers them.",
                ("refreshed", UserExamples.RefreshedTokens))
            .ReadsSessionCookie(required: true)
            .ProducesErrorCodes(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated, ErrorCodes.SessionEnded)
            .ProducesErrorCodes(StatusCodes.Status409Conflict, ErrorCodes.NoRefreshToken)
            .ProducesErrorCodes(StatusCodes.Status502BadGateway, ErrorCodes.RefreshFailed);

        return group;
    }

    private static async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> GetTokens(
        HttpContext context,
        [AsParameters] TokenServices services,
        CancellationToken cancellationToken)
    {
        if (await ReadSessionAsync(context, services.Sessions) is not (var session, var tokens))
        {
            return AuthProblems.NotAuthenticated();
        }
        if (!services.Refresher.IsDue(tokens))
        {
            return TypedResults.Ok(services.Exposure.Expose(session, tokens));
        }
        return Answer(await services.Refresher.RefreshSessionAsync(context, session, tokens, cancellationToken), session, services.Exposure);
    }

    private static async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> RefreshTokens(
        HttpContext context,
        [AsParameters] TokenServices services,
        CancellationToken cancellationToken)
    {
        if (await ReadSessionAsync(context, services.Sessions) is not (var session, var tokens))
        {
            return AuthProblems.NotAuthenticated();
        }
        return Answer(await services.Refresher.RefreshSessionAsync(context, session, tokens, cancellationToken), session, services.Exposure);
    }

    /// <summary>The session and its tokens (a call here counts as activity), or null when either is missing.</summary>
    private static async Task<(UserSession Session, SessionTokens Tokens)?> ReadSessionAsync(HttpContext context, ISessionStore sessions) =>
        await sessions.ReadAsync(context, activity: true) is { } session && await sessions.ReadTokensAsync(context, session) is { } tokens
            ? (session, tokens)
            : null;

    private static Results<Ok<TokensResponse>, ProblemHttpResult> Answer(RefreshOutcome outcome, UserSession session, TokenExposure exposure) => outcome.Kind switch
    {
        RefreshOutcomeKind.Refreshed => TypedResults.Ok(exposure.Expose(session, outcome.Tokens!)),
        RefreshOutcomeKind.NoRefreshToken => AuthProblems.NoRefreshToken(),
        RefreshOutcomeKind.Rejected => AuthProblems.SessionEnded(),
        _ => AuthProblems.RefreshFailed(),
    };
}
