using AuthApi.Client;
using AuthApi.Http;
using AuthApi.Options;
using AuthApi.Problems;
using AuthApi.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthApi.Endpoints;

/// <summary><c>POST /logout</c> (anti-forgery header) and <c>GET /logout?sid=</c> (the link from <c>/me</c>).</summary>
internal static class LogoutApi
{
    public static RouteGroupBuilder MapLogoutApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/logout").WithTags("Logout").ReadsSessionCookie(required: false);

        group.MapPost("", LogoutWithHeader)
            .RequireCsrfHeader()
            .WithName("Logout")
            .WithSummary("Log out (for fetch)")
            .WithDescription("Deletes the session cookies, revokes the refresh token when configured, and returns the URL to send the browser to: the provider's end-session endpoint when it has one, else Auth:PostLogoutReturnUrl. Succeeds when anonymous too.");

        group.MapGet("", LogoutWithLink)
            .WithName("LogoutRedirect")
            .WithSummary("Log out (for a link or navigation)")
            .WithDescription("Like POST /logout but answers 302 to the logout URL. Requires the sid from /me's logoutUrl, so a cross-site link cannot log anyone out.")
            .Produces(StatusCodes.Status302Found)
            .ProducesErrorCodes(StatusCodes.Status400BadRequest, ErrorCodes.InvalidSid);

        return group;
    }

    private static async Task<Ok<LogoutResponse>> LogoutWithHeader(HttpContext context, SessionCookies sessions, SessionLogout logout, CancellationToken cancellationToken) =>
        TypedResults.Ok(new LogoutResponse(await logout.LogOutAsync(context, sessions.Read(context), cancellationToken)));

    private static async Task<Results<FoundHttpResult, ProblemHttpResult>> LogoutWithLink(
        string? sid,
        HttpContext context,
        SessionCookies sessions,
        SessionLogout logout,
        CancellationToken cancellationToken)
    {
        var session = sessions.Read(context);
        if (string.IsNullOrEmpty(sid) || (session is not null && !SessionIds.Equal(sid, session.Id)))
        {
            return AuthProblems.InvalidSid();
        }
        return new FoundHttpResult(await logout.LogOutAsync(context, session, cancellationToken));
    }
}
