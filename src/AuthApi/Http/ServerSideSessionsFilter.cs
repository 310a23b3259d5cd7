using AuthApi.Contracts;
using AuthApi.Options;
using Microsoft.Extensions.Options;

namespace AuthApi.Http;

/// <summary>Endpoints that exist only with server-side sessions (<c>Auth:Session:Store=Redis</c>) answer 404 <c>session_store_disabled</c> without them.</summary>
internal static class ServerSideSessionsFilter
{
    public static RouteHandlerBuilder RequireServerSideSessions(this RouteHandlerBuilder builder) =>
        builder
            .AddEndpointFilter(static async (context, next) =>
                context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Session.Store == SessionStoreKind.Redis
                    ? await next(context)
                    : AuthProblems.SessionStoreDisabled())
            .ProducesErrorCodes(StatusCodes.Status404NotFound, ErrorCodes.SessionStoreDisabled);
}
