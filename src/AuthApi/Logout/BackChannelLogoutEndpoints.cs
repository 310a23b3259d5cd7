using AuthApi.Contracts;
using AuthApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.Logout;

/// <summary><c>POST /backchannel-logout</c>: the provider, server to server, ends the sessions of a user it logged out (with server-side sessions only).</summary>
internal static class BackChannelLogoutEndpoints
{
    public static RouteHandlerBuilder MapBackChannelLogoutEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/backchannel-logout", ReceiveLogoutToken)
            .RequireServerSideSessions()
            // The provider posts without a browser, so without cookies or an anti-forgery header; the signed token is the proof.
            .DisableAntiforgery()
            .RequireRateLimiting(ClientRateLimit.BackChannelLogout.PolicyName)
            .DocumentsFormBody<LogoutTokenForm>()
            .WithName("BackChannelLogout")
            .WithTags("Logout")
            .WithSummary("End the sessions a provider logged out (OIDC Back-Channel Logout)")
            .WithDescription("Called by the provider, not by a browser: register this URL as the client's backchannel_logout_uri. "
                + "Ends the server-side sessions the logout token's sid started, or all of its sub's sessions when it names no sid. "
                + "A token is accepted once; any defect answers 400 and ends nothing. Needs Auth:Session:Store=Redis.")
            .WithResponseDescription(StatusCodes.Status200OK, "The sessions the token names have ended (also when none was found); the body is empty.")
            .ProducesErrorCodes(StatusCodes.Status400BadRequest, ErrorCodes.InvalidLogoutToken)
            .ProducesRateLimited()
            .ProducesErrorCodes(StatusCodes.Status503ServiceUnavailable, ErrorCodes.SessionStoreUnavailable)
            .ProducesRetryAfter(StatusCodes.Status503ServiceUnavailable, AuthProblems.SessionStoreRetryAfter);

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveLogoutToken(HttpRequest request, BackChannelLogout logout, CancellationToken cancellationToken) =>
        await logout.LogOutAsync(request, cancellationToken) ? TypedResults.Ok() : AuthProblems.InvalidLogoutToken();
}
