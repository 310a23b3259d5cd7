using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baseline;

/// <summary>
/// A login that signs Ada in without a provider, a <c>/me</c> that serializes her claims, a bare endpoint, and the small
/// API that the proxy measurement calls directly, through a bare YARP route and through AuthApi.
/// </summary>
internal static class BaselineEndpoints
{
    public static IEndpointRouteBuilder MapBaselineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", Login);
        app.MapGet("/me", Me);
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("alive")));
        app.MapGet("/upstream/hello", UpstreamHello);
        app.MapGet("/upstream/work", UpstreamWork);
        return app;
    }

    /// <summary>Signs in a principal holding what the development provider's ID token and userinfo give AuthApi for Ada.</summary>
    private static SignInHttpResult Login()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var identity = new ClaimsIdentity(
        [
            new Claim("iss", "http://127.0.0.1/"),
            new Claim("exp", (now + 1200).ToString(CultureInfo.InvariantCulture)),
            new Claim("iat", now.ToString(CultureInfo.InvariantCulture)),
            new Claim("aud", "authapi-dev"),
            new Claim("sub", "ada"),
            new Claim("name", "Ada Lovelace"),
            new Claim("email", "ada@example.com"),
            new Claim("oi_au_id", Guid.NewGuid().ToString()),
            new Claim("azp", "authapi-dev"),
            new Claim("groups", "engineers"),
            new Claim("groups", "admins"),
            new Claim("oi_tkn_id", Guid.NewGuid().ToString()),
        ], CookieAuthenticationDefaults.AuthenticationScheme, "name", "role");
        return TypedResults.SignIn(new ClaimsPrincipal(identity));
    }

    /// <summary>A small answer for a bearer token, 401 without one: a proxied call that lost its token fails wrk's check instead of being measured.</summary>
    private static Results<Ok<UpstreamResponse>, UnauthorizedHttpResult> UpstreamHello(HttpRequest request) =>
        HasBearerToken(request) ? TypedResults.Ok(new UpstreamResponse("hello", Bearer: true)) : TypedResults.Unauthorized();

    /// <summary>The same answer after waiting 2 ms: a stand-in for an API that queries a database, waiting rather than computing.</summary>
    private static async Task<Results<Ok<UpstreamResponse>, UnauthorizedHttpResult>> UpstreamWork(HttpRequest request, UpstreamWait wait)
    {
        if (!HasBearerToken(request))
        {
            return TypedResults.Unauthorized();
        }
        await wait.WaitAsync();
        return TypedResults.Ok(new UpstreamResponse("work", Bearer: true));
    }

    // Only the token's presence is checked: validating it would make the upstream, not the hop, the measured cost.
    private static bool HasBearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) && authorization.Length > "Bearer ".Length;
    }

    /// <summary>The claims as one JSON object, a repeated claim as an array, like AuthApi's <c>claims</c>.</summary>
    private static Ok<MeResponse> Me(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Ok(new MeResponse(false, null, null, null, null));
        }
        var claims = user.Claims
            .GroupBy(claim => claim.Type)
            .ToDictionary(group => group.Key, group => group.Skip(1).Any() ? (object)group.Select(claim => claim.Value).ToArray() : group.First().Value);
        return TypedResults.Ok(new MeResponse(true, user.FindFirstValue("sub"), user.FindFirstValue("name"), user.FindFirstValue("email"), claims));
    }
}
