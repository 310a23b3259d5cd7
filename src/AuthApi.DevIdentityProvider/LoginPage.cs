using System.Net;
using System.Text;
using OpenIddict.Abstractions;

namespace AuthApi.DevIdentityProvider;

/// <summary>The login page: one button per seeded user and a Deny button, re-posting the authorization request with the choice.</summary>
internal static class LoginPage
{
    public static string Render(OpenIddictRequest request, IEnumerable<DevUser> users, string userField, string denyField)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != userField && name != denyField)
            {
                hidden.Append($"""<input type="hidden" name="{Encode(name)}" value="{Encode(value.ToString())}">""");
            }
        }
        var buttons = new StringBuilder();
        foreach (var user in users)
        {
            var groups = user.AllGroups().Count();
            buttons.Append($"""<button type="submit" name="{Encode(userField)}" value="{Encode(user.Subject)}" id="user-{Encode(user.Subject)}">{Encode(user.Name)} <small>{Encode(user.Email)} · {groups} groups</small></button>""");
        }
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Development identity provider</title>
              <style>
                body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
                button { display: block; width: 100%; margin: .5rem 0; padding: .8rem; font-size: 1rem; text-align: left; cursor: pointer; }
                small { color: #666; }
                #deny { margin-top: 1.5rem; text-align: center; background: none; border: 1px solid #999; }
              </style>
            </head>
            <body>
              <h1>Sign in</h1>
              <p>Development identity provider: choose a user, or deny the login. There are no passwords; never expose this provider.</p>
              <form method="post">{{hidden}}{{buttons}}<button type="submit" name="{{Encode(denyField)}}" value="1" id="deny">Deny</button></form>
            </body>
            </html>
            """;
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
