using AuthApi.Client;
using AuthApi.Options;
using AuthApi.Problems;
using AuthApi.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Endpoints;

/// <summary><c>GET /me/tokens</c> (Streamlit's <c>st.user.tokens</c>) and <c>POST /me/tokens/refresh</c>.</summary>
internal static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/me/tokens").WithTags("User");

        group.MapGet("", GetTokens)
            .WithName("GetTokens")
            .WithSummary("The session's exposed tokens")
            .WithDescription("Only the token kinds Auth:ExposeTokens names ({} when none). When the access token expires within Auth:RefreshBefore and a refresh token exists, the tokens are refreshed first. 401 not_authenticated when anonymous.")
            .ReadsSessionCookie(required: true)
            .ProducesErrorCodes(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated, ErrorCodes.SessionEnded)
            .ProducesErrorCodes(StatusCodes.Status502BadGateway, ErrorCodes.RefreshFailed);

        group.MapPost("/refresh", RefreshTokens)
            .RequireCsrfHeader()
            .WithName("RefreshTokens")
            .WithSummary("Refresh the session's tokens now")
            .WithDescription("Uses the refresh token and rewrites the session; answers like GET /me/tokens. Concurrent calls share one refresh at the provider.")
            .ReadsSessionCookie(required: true)
            .ProducesErrorCodes(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated, ErrorCodes.SessionEnded)
            .ProducesErrorCodes(StatusCodes.Status409Conflict, ErrorCodes.NoRefreshToken)
            .ProducesErrorCodes(StatusCodes.Status502BadGateway, ErrorCodes.RefreshFailed);

        return group;
    }

    private static async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> GetTokens(
        HttpContext context,
        [AsParameters] TokensServices services,
        CancellationToken cancellationToken)
    {
        if (services.ReadSession(context) is not (var session, var tokens))
        {
            return AuthProblems.NotAuthenticated();
        }
        if (!services.NeedsRefresh(tokens))
        {
            return TypedResults.Ok(services.Expose(tokens));
        }
        return services.Answer(context, session, await services.Refresher.RefreshAsync(session, tokens, cancellationToken));
    }

    private static async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> RefreshTokens(
        HttpContext context,
        [AsParameters] TokensServices services,
        CancellationToken cancellationToken)
    {
        if (services.ReadSession(context) is not (var session, var tokens))
        {
            return AuthProblems.NotAuthenticated();
        }
        return services.Answer(context, session, await services.Refresher.RefreshAsync(session, tokens, cancellationToken));
    }
}

/// <summary>What the token endpoints need, and how they answer.</summary>
internal sealed class TokensServices(SessionCookies sessions, TokenRefresher refresher, IOptions<AuthOptions> options, TimeProvider time)
{
    public SessionCookies Sessions { get; } = sessions;
    public TokenRefresher Refresher { get; } = refresher;
    public IOptions<AuthOptions> Options { get; } = options;
    public TimeProvider Time { get; } = time;

    /// <summary>The session and its tokens (a call here counts as activity), or null when either is missing.</summary>
    public (UserSession Session, SessionTokens Tokens)? ReadSession(HttpContext context) =>
        Sessions.ReadActive(context) is { } session && Sessions.ReadTokens(context, session) is { } tokens
            ? (session, tokens)
            : null;

    public bool NeedsRefresh(SessionTokens tokens) =>
        tokens.RefreshToken is not null
        && tokens.AccessTokenExpiresAt is { } expiresAt
        && expiresAt - Time.GetUtcNow() <= Options.Value.RefreshBefore;

    /// <summary>Writes a refreshed session, or ends a rejected one, and answers accordingly.</summary>
    public Results<Ok<TokensResponse>, ProblemHttpResult> Answer(HttpContext context, UserSession session, RefreshOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case RefreshOutcomeKind.Refreshed when Sessions.TryWrite(context, session, outcome.Tokens!, out _):
                return TypedResults.Ok(Expose(outcome.Tokens!));
            case RefreshOutcomeKind.NoRefreshToken:
                return AuthProblems.NoRefreshToken();
            case RefreshOutcomeKind.Rejected:
                Sessions.End(context, session);
                return AuthProblems.SessionEnded();
            default:
                return AuthProblems.RefreshFailed();
        }
    }

    /// <summary>Only the kinds <c>Auth:ExposeTokens</c> names; a refresh token needs a second, explicit opt-in.</summary>
    public TokensResponse Expose(SessionTokens tokens)
    {
        var exposed = Options.Value.ExposeTokens;
        var access = exposed.Contains("access");
        return new TokensResponse
        {
            Id = exposed.Contains("id") ? tokens.IdToken : null,
            Access = access ? tokens.AccessToken : null,
            AccessTokenExpiresAt = access ? tokens.AccessTokenExpiresAt : null,
            TokenType = access ? tokens.TokenType : null,
            Scope = access ? tokens.Scope : null,
            Refresh = exposed.Contains("refresh") && Options.Value.ExposeRefreshToken ? tokens.RefreshToken : null,
        };
    }
}
