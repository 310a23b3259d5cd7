using AuthApi.Client;
using AuthApi.Options;
using AuthApi.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Endpoints;

/// <summary><c>GET /me</c>: Streamlit's <c>st.user</c>.</summary>
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
}
