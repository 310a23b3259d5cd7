using System.ComponentModel;
using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Logging;
using AuthApi.Sessions;
using AuthApi.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.User;

/// <summary><c>GET /me/sessions</c> and <c>DELETE /me/sessions/{id}</c>: the user's server-side sessions (<c>Auth:Session:Store=Redis</c>).</summary>
internal static class SessionsEndpoints
{
    public static RouteGroupBuilder MapSessionsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/me/sessions").WithTags("User");

        group.MapGet("", GetSessions)
            .RequireServerSideSessions()
            .WithName("GetSessions")
            .WithSummary("The user's sessions")
            .WithDescription("Every session of the logged-in user (same provider and sub) in every browser, most recently seen first; current marks this one. Needs Auth:Session:Store=Redis.")
            .WithResponseDescription(StatusCodes.Status200OK, "The user's sessions.", ("twoBrowsers", UserExamples.Sessions))
            .ReadsSessionCookie(required: true)
            .ProducesErrorCodes(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated);

        group.MapDelete("/{id}", EndSession)
            .ConcealsPath()
            .RequireAntiForgeryHeader()
            .RequireServerSideSessions()
            .WithName("EndSession")
            .WithSummary("End one of the user's sessions")
            .WithDescription("Ends the session with this ID (from GET /me/sessions) wherever it is used; ending the current one also deletes this browser's cookie. Needs Auth:Session:Store=Redis.")
            .Produces(StatusCodes.Status204NoContent)
            .WithResponseDescription(StatusCodes.Status204NoContent, "The session is ended: its browser is logged out on its next request.")
            .ReadsSessionCookie(required: true)
            .ProducesErrorCodes(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated)
            .ProducesErrorCodes(StatusCodes.Status404NotFound, ErrorCodes.SessionNotFound);

        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<ActiveSession>>, ProblemHttpResult>> GetSessions(
        HttpContext context,
        ISessionStore sessions,
        RedisSessionStore store)
    {
        if (await sessions.ReadAsync(context, activity: true) is not { } session)
        {
            return AuthProblems.NotAuthenticated();
        }
        return TypedResults.Ok<IReadOnlyList<ActiveSession>>(await store.ListAsync(session));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSession(
        [Description("The session's ID, from GET /me/sessions.")][SampleValue("")] string id,
        HttpContext context,
        ISessionStore sessions,
        RedisSessionStore store,
        AuthApiMetrics metrics)
    {
        if (await sessions.ReadAsync(context, activity: true) is not { } session)
        {
            return AuthProblems.NotAuthenticated();
        }
        if (!await store.EndOneAsync(session, id))
        {
            return AuthProblems.SessionNotFound();
        }
        metrics.LoggedOut(session.Provider, LogoutKinds.List);
        if (id == session.Id)
        {
            sessions.DeleteCookies(context);
        }
        return TypedResults.NoContent();
    }
}
