namespace AuthApi.Tests.Infrastructure;

/// <summary>What tests of state-changing endpoints and stolen cookies need: the anti-forgery header, a copy of a cookie jar.</summary>
public static class BrowserRequests
{
    /// <summary>A request with <c>X-CSRF: 1</c>, as an SPA sends a state-changing call.</summary>
    public static HttpRequestMessage WithCsrf(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-CSRF", "1");
        return request;
    }

    /// <summary><c>/me</c>'s <c>isLoggedIn</c> for this browser.</summary>
    public static async Task<bool> IsLoggedInAsync(this HttpClient browser) =>
        (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("isLoggedIn").GetBoolean();

    /// <summary><c>/me</c>'s <c>isLoggedIn</c> for a client that sends exactly these cookies.</summary>
    public static async Task<bool> IsLoggedInAsync(this HttpClient client, IReadOnlyList<KeyValuePair<string, string>> cookies) =>
        (await (await client.GetWithCookiesAsync("/me", cookies)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isLoggedIn").GetBoolean();

    /// <summary>The jar's cookies as they are now, to send later as an attacker who copied them would.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Copy(this CookieContainer jar) =>
        [.. jar.GetAllCookies().Select(cookie => new KeyValuePair<string, string>(cookie.Name, cookie.Value))];
}
