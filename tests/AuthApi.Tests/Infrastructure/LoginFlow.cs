using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthApi.Tests.Infrastructure;

/// <summary>Drives a login the way a browser would: /login, the provider's authorization, /oauth2callback.</summary>
public static class LoginFlow
{
    /// <summary>Starts a login and returns the provider authorization URL it redirected to.</summary>
    public static async Task<Uri> StartLoginAsync(this HttpClient browser, string query = "")
    {
        var response = await browser.GetAsync("/login" + query);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Comes back from the provider with a code for the grant, by default to <c>/oauth2callback</c>; returns the callback's response.</summary>
    public static Task<HttpResponseMessage> CompleteLoginAsync(this TestApp app, HttpClient browser, Uri authorizationUrl, Grant? grant = null, string? extraQuery = null, string callbackPath = "/oauth2callback")
    {
        var code = app.Provider.IssueCode(authorizationUrl, grant ?? new Grant());
        var state = QueryHelpers.ParseQuery(authorizationUrl.Query)["state"];
        return browser.GetAsync($"{callbackPath}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state!)}{extraQuery}");
    }

    /// <summary>A whole login; returns the callback's response.</summary>
    public static async Task<HttpResponseMessage> LoginAsync(this TestApp app, HttpClient browser, Grant? grant = null, string query = "")
    {
        var authorizationUrl = await browser.StartLoginAsync(query);
        return await app.CompleteLoginAsync(browser, authorizationUrl, grant);
    }

    public static IReadOnlyList<string> SetCookies(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    /// <summary>Names of cookies the response sets to a value (deletions excluded).</summary>
    public static IReadOnlyList<string> CookiesWritten(this HttpResponseMessage response) =>
        [.. response.SetCookies()
            .Where(cookie => !cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            .Select(cookie => cookie[..cookie.IndexOf('=')])];

    public static Dictionary<string, string> Query(this Uri url) =>
        QueryHelpers.ParseQuery(url.IsAbsoluteUri ? url.Query : new Uri(new Uri("http://localhost"), url).Query)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
}
