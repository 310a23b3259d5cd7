using System.ComponentModel;
using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Security;
using AuthApi.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.Logout;

/// <summary><c>POST /logout</c> (anti-forgery header) and <c>GET /logout?sid=</c> (the link from <c>/me</c>).</summary>
internal static class LogoutEndpoints
{
    public static RouteGroupBuilder MapLogoutEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/logout").WithTags("Logout");

        group.MapPost("", Logout)
            .RequireAntiForgeryHeader()
            .WithName("Logout")
            .WithSummary("Log out (for fetch)")
            .WithDescription("Deletes the session cookies, revokes the refresh token when configured, and returns the URL to send the browser to: the provider's end-session endpoint when it has one, else Auth:PostLogoutReturnUrl. Succeeds when anonymous too. "
                + "With everywhere=true (needs Auth:Session:Store=Redis) every session of the user, in every browser, ends too.")
            .WithResponseDescription(StatusCodes.Status200OK, "The session cookies are deleted; send the browser to logoutUrl to end the session at the provider too.",
                ("endSession", LogoutExamples.EndSession))
            .ReadsSessionCookie(required: false)
            .ProducesErrorCodes(StatusCodes.Status404NotFound, ErrorCodes.SessionStoreDisabled);

        group.MapGet("", FollowLogoutLink)
            .WithName("FollowLogoutLink")
            .WithSummary("Log out (for a link or navigation)")
            .WithDescription("Like POST /logout but answers 302 to the logout URL. Requires the sid from /me's logoutUrl, so a cross-site link cannot log anyone out.")
            .Produces(StatusCodes.Status302Found)
            .WithResponseDescription(StatusCodes.Status302Found, "The session cookies are deleted; to the provider's end-session endpoint, or to Auth:PostLogoutReturnUrl when it has none.")
            .ReadsSessionCookie(required: false)
            .ProducesErrorCodes(StatusCodes.Status400BadRequest, ErrorCodes.InvalidSid)
            .AnswersNavigationsWithErrorPage();

        return group;
    }

    private static async Task<Results<Ok<LogoutResponse>, ProblemHttpResult>> Logout(
        [Description("true ends every session of the user (same provider and sub) in every browser; needs Auth:Session:Store=Redis.")][SampleValue("false")] bool? everywhere,
        HttpContext context,
        ISessionStore sessions,
        SessionLogout logout,
        CancellationToken cancellationToken)
    {
        if (everywhere == true && !logout.CanEndEverywhere)
        {
            return AuthProblems.SessionStoreDisabled();
        }
        var session = await sessions.ReadAsync(context, activity: false);
        return TypedResults.Ok(new LogoutResponse(await logout.LogOutAsync(context, session, everywhere == true, cancellationToken)));
    }

    private static async Task<Results<FoundHttpResult, ProblemHttpResult>> FollowLogoutLink(
        [Description("The session's sid, from /me's logoutUrl: only the session's own link logs it out.")][SampleValue("")] string? sid,
        HttpContext context,
        ISessionStore sessions,
        SessionLogout logout,
        CancellationToken cancellationToken)
    {
        var session = await sessions.ReadAsync(context, activity: false);
        if (string.IsNullOrEmpty(sid) || (session is not null && !Secrets.FixedTimeEquals(sid, session.Id)))
        {
            return AuthProblems.InvalidSid();
        }
        return new FoundHttpResult(await logout.LogOutAsync(context, session, everywhere: false, cancellationToken));
    }
}
