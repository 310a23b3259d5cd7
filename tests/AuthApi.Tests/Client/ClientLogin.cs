using AuthApi.Client;
using AuthApi.Contracts;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthApi.Tests.Client;

/// <summary>A login driven through the client alone: the JSON login mode, the test provider's code, the callback.</summary>
public static class ClientLogin
{
    /// <summary>Starts a login and comes back from the provider with a code for the grant; returns the callback's answer.</summary>
    public static async Task<HttpResponseMessage> StartAndCompleteLoginAsync(this IAuthApi api, TestApp app, Grant? grant = null, string? returnUrl = null)
    {
        var login = await api.GetLoginUrlAsync(returnUrl: returnUrl);
        var authorizationUrl = new Uri(login.AuthorizationUrl);
        var code = app.Provider.IssueCode(authorizationUrl, grant ?? new Grant());
        var state = QueryHelpers.ParseQuery(authorizationUrl.Query)["state"].ToString();
        return await api.CompleteLoginAsync(code, state);
    }

    /// <summary>Logs the client in as the grant's user; returns where the callback sends the browser.</summary>
    public static async Task<Uri> LogInAsync(this IAuthApi api, TestApp app, Grant? grant = null, string? returnUrl = null)
    {
        using var callback = await api.StartAndCompleteLoginAsync(app, grant, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var location = callback.Headers.Location!;
        Assert.DoesNotContain("auth_error", location.OriginalString, StringComparison.Ordinal);
        return location;
    }
}
