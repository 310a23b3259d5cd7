namespace AuthApi.Tests.Infrastructure;

/// <summary>One parsed <c>Set-Cookie</c> header: name, value and the attributes as the server wrote them.</summary>
public sealed record SetCookie(string Name, string Value, IReadOnlyList<string> Attributes, string Header)
{
    public bool IsDeletion => Attributes.Any(attribute => attribute.StartsWith("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    public bool Has(string attribute) => Attributes.Contains(attribute, StringComparer.OrdinalIgnoreCase);

    public static SetCookie Parse(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var equals = parts[0].IndexOf('=');
        return new SetCookie(parts[0][..equals], parts[0][(equals + 1)..], parts[1..], header);
    }
}

public static class SetCookieExtensions
{
    public static IReadOnlyList<SetCookie> ParsedSetCookies(this HttpResponseMessage response) =>
        [.. response.SetCookies().Select(SetCookie.Parse)];

    /// <summary>The cookies the response writes with a value, by name: what a browser would send next.</summary>
    public static Dictionary<string, string> WrittenCookies(this HttpResponseMessage response) =>
        response.ParsedSetCookies()
            .Where(cookie => !cookie.IsDeletion)
            .ToDictionary(cookie => cookie.Name, cookie => cookie.Value);

    /// <summary>Names of the cookies the response deletes (expires in 1970).</summary>
    public static IReadOnlyList<string> DeletedCookies(this HttpResponseMessage response) =>
        [.. response.ParsedSetCookies().Where(cookie => cookie.IsDeletion).Select(cookie => cookie.Name)];

    /// <summary>Sends a GET with exactly these cookies (use with <see cref="TestApp.CreateBareClient"/>).</summary>
    public static Task<HttpResponseMessage> GetWithCookiesAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> cookies) =>
        client.SendWithCookiesAsync(HttpMethod.Get, url, cookies);

    public static Task<HttpResponseMessage> SendWithCookiesAsync(this HttpClient client, HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>> cookies, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        var cookieHeader = string.Join("; ", cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
        if (cookieHeader.Length > 0)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return client.SendAsync(request);
    }
}
