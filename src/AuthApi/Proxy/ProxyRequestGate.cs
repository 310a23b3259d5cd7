using AuthApi.Contracts;
using AuthApi.Http;
using AuthApi.Options;
using AuthApi.Sessions;
using AuthApi.Telemetry;
using AuthApi.Tokens;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Model;

namespace AuthApi.Proxy;

/// <summary>
/// Runs in YARP's pipeline before the forwarder: every route refuses a path that could leave its destination
/// (<see cref="ProxyPathValidator"/>); a <c>User</c> route needs the anti-forgery header and a session, whose access token
/// (refreshed first when due) replaces any <c>Authorization</c>; every route drops AuthApi's cookies and <c>X-CSRF</c>. A
/// failed forward becomes Problem Details naming the route.
/// </summary>
internal sealed class ProxyRequestGate(RequestDelegate next)
{
    public async Task InvokeAsync(
        HttpContext context,
        ISessionStore sessions,
        TokenRefresher refresher,
        AuthApiMetrics metrics,
        ILogger<ProxyRequestGate> logger)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (ProxyPathValidator.Refusal(context.Request.Path.Value ?? "", rawTarget) is { } defect)
        {
            // The path stays out of the log line: the defect says what was found.
            logger.ProxyPathRefused(route.RouteId, defect);
            await AuthProblems.InvalidPath().ExecuteAsync(context);
        }
        else if (ProxyRoutes.TokenModeOf(route) == ProxyTokenMode.User
            && await AuthorizeAsync(context, route.RouteId, sessions, refresher, metrics) is { } refusal)
        {
            logger.ProxyRefused(route.RouteId, refusal.ProblemDetails.Extensions["errorCode"] as string ?? "");
            await refusal.ExecuteAsync(context);
        }
        else
        {
            RemoveOwnHeaders(context.Request.Headers);
            await next(context);
            await AnswerForwarderErrorAsync(context, route.RouteId, logger);
        }
        metrics.ProxyRequestAnswered(route.RouteId, context.Response.StatusCode);
    }

    /// <summary>Sets the session's access token, or answers why not.</summary>
    private static async Task<ProblemHttpResult?> AuthorizeAsync(
        HttpContext context,
        string route,
        ISessionStore sessions,
        TokenRefresher refresher,
        AuthApiMetrics metrics)
    {
        if (!AntiForgeryHeaderFilter.HasAntiForgeryHeader(context.Request))
        {
            return AuthProblems.AntiForgeryHeaderMissing();
        }
        if (await sessions.ReadAsync(context, activity: true) is not { } session
            || await sessions.ReadTokensAsync(context, session) is not { } tokens)
        {
            return AuthProblems.NotAuthenticated();
        }
        if (refresher.IsDue(tokens))
        {
            var outcome = await refresher.RefreshSessionAsync(context, session, tokens, context.RequestAborted);
            switch (outcome.Kind)
            {
                case RefreshOutcomeKind.Refreshed:
                    metrics.ProxyTokenRefreshed(route, RefreshOutcomes.Refreshed);
                    tokens = outcome.Tokens!;
                    break;
                case RefreshOutcomeKind.Rejected:
                    metrics.ProxyTokenRefreshed(route, RefreshOutcomes.InvalidGrant);
                    return AuthProblems.SessionEnded();
                case RefreshOutcomeKind.Failed:
                    metrics.ProxyTokenRefreshed(route, RefreshOutcomes.Failed);
                    return AuthProblems.RefreshFailed();
            }
        }
        if (tokens.AccessToken is not { Length: > 0 } accessToken)
        {
            return AuthProblems.NotAuthenticated();
        }
        context.Request.Headers.Authorization = "Bearer " + accessToken;
        return null;
    }

    /// <summary>AuthApi's cookies (session, tokens, their chunks, logins) and its anti-forgery header stay here; other cookies pass.</summary>
    private static void RemoveOwnHeaders(IHeaderDictionary headers)
    {
        headers.Remove(AntiForgeryHeader.Name);
        if (headers.Cookie.Count == 0)
        {
            return;
        }
        var kept = headers.Cookie
            .SelectMany(header => (header ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(cookie => !SessionCookieNames.IsOwn(cookie.AsSpan(0, cookie.IndexOf('=') is var equals and >= 0 ? equals : cookie.Length)))
            .ToList();
        if (kept.Count == 0)
        {
            headers.Remove("Cookie");
        }
        else
        {
            headers.Cookie = new StringValues(string.Join("; ", kept));
        }
    }

    /// <summary>YARP answers a failed forward with a bare 502 or 504; this gives it a body that names the route, never the destination.</summary>
    private static async Task AnswerForwarderErrorAsync(HttpContext context, string route, ILogger logger)
    {
        if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted || context.Response.StatusCode < 500)
        {
            return;
        }
        logger.UpstreamFailed(route, error.Error, error.Exception?.GetType().Name);
        var problem = context.Response.StatusCode == StatusCodes.Status504GatewayTimeout
            ? AuthProblems.UpstreamTimeout(route)
            : AuthProblems.UpstreamUnavailable(route);
        await problem.ExecuteAsync(context);
    }
}
