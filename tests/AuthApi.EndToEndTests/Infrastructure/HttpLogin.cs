using System.Net;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>A login through the real provider without a browser: what a script or API tool needs for a session cookie.</summary>
public static class HttpLogin
{
    /// <summary>Logs the user in and returns the cookies AuthApi set.</summary>
    public static async Task<CookieContainer> LogInAsync(RunningStack stack, string user)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

        var login = await client.GetAsync(new Uri(stack.ApiUrl, "/login"));
        var authorize = login.Headers.Location ?? throw new InvalidOperationException($"/login answered {login.StatusCode}.");
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query)
            .Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString()))
            .Append(KeyValuePair.Create("dev_user", user));
        var chosen = await client.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(form));
        var callback = chosen.Headers.Location ?? throw new InvalidOperationException($"The provider answered {chosen.StatusCode}.");
        var finished = await client.GetAsync(callback);
        if (finished.Headers.Location?.OriginalString.Contains("auth_error", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"The login failed: {finished.StatusCode} {finished.Headers.Location}.");
        }
        return cookies;
    }

    /// <summary>A client of AuthApi holding the user's session cookies.</summary>
    public static async Task<HttpClient> LoggedInClientAsync(RunningStack stack, string user, bool followRedirects = true)
    {
        var cookies = await LogInAsync(stack, user);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = followRedirects }) { BaseAddress = stack.ApiUrl };
    }
}
