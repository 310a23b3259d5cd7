using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApi.DevIdentityProvider;

/// <summary>The endpoints OpenIddict passes through to the app: the login page, userinfo and end session.</summary>
public static class ProviderEndpoints
{
    private const string UserField = "dev_user";

    public static WebApplication MapDevIdentityProvider(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize);
        app.MapGet("/connect/userinfo", UserInfo);
        app.MapMethods("/connect/endsession", ["GET", "POST"], EndSession);
        app.MapGet("/", () => Results.Redirect("/.well-known/openid-configuration"));
        return app;
    }

    /// <summary>Shows the seeded users; signs the chosen one in. There is no password: this provider is for development.</summary>
    private static async Task<IResult> Authorize(HttpContext context, IOptions<DevIdentityProviderOptions> options)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle this authorization request.");
        var chosen = context.Request.HasFormContentType ? (string?)(await context.Request.ReadFormAsync())[UserField] : null;
        var user = options.Value.Users.FirstOrDefault(candidate => candidate.Subject == chosen);
        if (user is null)
        {
            return Results.Content(LoginPage.Render(request, options.Value.Users, UserField), "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.Email, user.Email);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The user's claims, groups included (they are kept out of the tokens).</summary>
    private static async Task<IResult> UserInfo(HttpContext context, IOptions<DevIdentityProviderOptions> options)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = result.Principal?.GetClaim(Claims.Subject);
        var user = options.Value.Users.FirstOrDefault(candidate => candidate.Subject == subject);
        if (user is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        return Results.Json(new Dictionary<string, object>
        {
            [Claims.Subject] = user.Subject,
            [Claims.Name] = user.Name,
            [Claims.Email] = user.Email,
            ["groups"] = user.AllGroups().ToArray(),
        });
    }

    /// <summary>Nothing to end here (the provider keeps no session of its own): back to the client's post-logout URI.</summary>
    private static IResult EndSession() =>
        Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
