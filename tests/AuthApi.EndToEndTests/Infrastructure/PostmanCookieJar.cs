using System.Net;
using System.Text.Json;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>
/// Cookies in the file newman's <c>--cookie-jar</c> reads (tough-cookie's serialized jar): Postman's cookie manager,
/// which sends them by domain and path and honours the service's Set-Cookie, as a browser does.
/// </summary>
public static class PostmanCookieJar
{
    public static void Write(CookieContainer cookies, string path)
    {
        var jar = new
        {
            version = "tough-cookie@4.1.3",
            storeType = "MemoryCookieStore",
            rejectPublicSuffixes = true,
            cookies = cookies.GetAllCookies().Select(cookie => new Dictionary<string, object>
            {
                ["key"] = cookie.Name,
                ["value"] = cookie.Value,
                ["domain"] = cookie.Domain.TrimStart('.'),
                ["path"] = cookie.Path,
                ["httpOnly"] = cookie.HttpOnly,
                ["secure"] = cookie.Secure,
                // The service sets host-only cookies (no Domain attribute).
                ["hostOnly"] = !cookie.Domain.StartsWith('.'),
                ["expires"] = cookie.Expires == DateTime.MinValue ? "Infinity" : cookie.Expires.ToUniversalTime().ToString("O"),
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(jar));
    }
}
