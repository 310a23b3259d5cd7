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
    private const string DenyField = "dev_deny";

    public static WebApplication MapDevIdentityProvider(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize);
        app.MapGet("/connect/userinfo", UserInfo);
        app.MapMethods("/connect/endsession", ["GET", "POST"], EndSession);
        app.MapGet("/", () => Results.Redirect("/.well-known/openid-configuration"));
        return app;
    }

    /// <summary>
    /// Shows the seeded users and signs the chosen one in, or answers <c>access_denied</c> when Deny is pressed. There is no
    /// password: this provider is for development. A <c>login_hint</c> naming a seeded user signs that user in without the page
    /// (unless <c>prompt</c> asks for it), so tools without a browser can log in; <c>prompt=none</c> otherwise answers
    /// <c>login_required</c>, as this provider keeps no session of its own (OIDC Core 3.1.2.6).
    /// </summary>
    private static async Task<IResult> Authorize(HttpContext context, IOptions<DevIdentityProviderOptions> options)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle this authorization request.");
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        if (form?.ContainsKey(DenyField) == true)
        {
            return Refuse(Errors.AccessDenied, "The user denied the login at the development provider.");
        }

        var chosen = options.Value.Users.FirstOrDefault(candidate => candidate.Subject == (string?)form?[UserField]);
        var user = chosen ?? (AsksForThePage(request) ? null : options.Value.FindByLoginHint(request.LoginHint));
        if (user is not null)
        {
            return SignIn(request, user);
        }
        if (request.HasPromptValue(PromptValues.None))
        {
            return Refuse(Errors.LoginRequired, "Nobody is signed in at the development provider.");
        }
        return Results.Content(LoginPage.Render(request, options.Value.Users, UserField, DenyField), "text/html; charset=utf-8");
    }

    /// <summary>prompt=login, consent or select_account: the user is to see the page even when the hint names someone.</summary>
    private static bool AsksForThePage(OpenIddictRequest request) =>
        request.HasPromptValue(PromptValues.Login) || request.HasPromptValue(PromptValues.Consent) || request.HasPromptValue(PromptValues.SelectAccount);

    private static IResult SignIn(OpenIddictRequest request, DevUser user)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.Email, user.Email);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Sends the browser back to the client with <paramref name="error"/> and the request's state.</summary>
    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

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
