using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.User;

/// <summary><c>GET /me</c>: Streamlit's <c>st.user</c>.</summary>
internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/me").WithTags("User");

        group.MapGet("", GetMe)
            .WithName("GetMe")
            .WithSummary("Who is logged in")
            .WithDescription("Always 200: {\"isLoggedIn\": false} when anonymous, else the user's claims, session lifetime and logout link. Counts as activity for the idle timeout.")
            .WithResponseDescription(StatusCodes.Status200OK, "The logged-in user, or only isLoggedIn: false for an anonymous caller.",
                ("loggedIn", UserExamples.LoggedIn), ("anonymous", MeResponse.Anonymous))
            .ReadsSessionCookie(required: false);

        return group;
    }

    private static async Task<Ok<MeResponse>> GetMe(HttpContext context, ISessionStore sessions)
    {
        var session = await sessions.ReadAsync(context, activity: true);
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
