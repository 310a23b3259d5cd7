using AuthApi.Contracts;
using AuthApi.Options;
using AuthApi.Problems;
using AuthApi.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Endpoints;

/// <summary><c>GET /me</c> and <c>GET /me/tokens</c>: Streamlit's <c>st.user</c> and <c>st.user.tokens</c>.</summary>
internal static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/me").WithTags("User");

        group.MapGet("", Me)
            .WithName("GetMe")
            .WithSummary("Who is logged in")
            .WithDescription("Always 200: {\"isLoggedIn\": false} when anonymous, else the user's claims, session lifetime and logout link. Counts as activity for the idle timeout.")
            .ReadsSessionCookie(required: false);

        group.MapGet("/tokens", Tokens)
            .WithName("GetTokens")
            .WithSummary("The session's exposed tokens")
            .WithDescription("Only the token kinds Auth:ExposeTokens names ({} when none). 401 not_authenticated when anonymous.")
            .ReadsSessionCookie(required: true)
            .ProducesErrorCodes(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated);

        return group;
    }

    private static Ok<MeResponse> Me(HttpContext context, SessionCookies sessions)
    {
        var session = sessions.ReadActive(context);
        if (session is null)
        {
            return TypedResults.Ok(MeResponse.Anonymous);
        }
        return TypedResults.Ok(new MeResponse
        {
            IsLoggedIn = true,
            Provider = session.Provider,
            Sub = session.Subject,
            Name = session.StringClaim("name"),
            Email = session.StringClaim("email"),
            Claims = session.Claims,
            Session = new SessionInfo(session.IssuedAt, session.ExpiresAt, session.IdleExpiresAt),
            LogoutUrl = $"/logout?sid={session.Id}",
        });
    }

    private static Results<Ok<TokensResponse>, ProblemHttpResult> Tokens(HttpContext context, SessionCookies sessions, IOptions<AuthOptions> options)
    {
        var session = sessions.ReadActive(context);
        var tokens = session is null ? null : sessions.ReadTokens(context, session);
        if (tokens is null)
        {
            return AuthProblems.NotAuthenticated();
        }
        var exposed = options.Value.ExposeTokens;
        var access = exposed.Contains("access");
        return TypedResults.Ok(new TokensResponse
        {
            Id = exposed.Contains("id") ? tokens.IdToken : null,
            Access = access ? tokens.AccessToken : null,
            AccessTokenExpiresAt = access ? tokens.AccessTokenExpiresAt : null,
            TokenType = access ? tokens.TokenType : null,
            Scope = access ? tokens.Scope : null,
            // A refresh token is long-lived: it takes a second, explicit opt-in.
            Refresh = exposed.Contains("refresh") && options.Value.ExposeRefreshToken ? tokens.RefreshToken : null,
        });
    }
}
