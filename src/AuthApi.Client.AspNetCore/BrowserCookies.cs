using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AuthApi.Client;

/// <summary>
/// The cookies the browser of one request holds, as far as AuthApi is concerned: the request's own, updated by the <c>Set-Cookie</c>
/// headers of AuthApi's answers during the request, so a second call sends what the browser will have, not what it sent.
/// </summary>
internal sealed class BrowserCookies
{
    private static readonly object ItemKey = new();
    private static readonly Lock Creation = new();

    private readonly Lock _lock = new();
    private readonly string _requestHeader;
    private List<KeyValuePair<string, string>>? _updated;

    private BrowserCookies(string requestHeader) => _requestHeader = requestHeader;

    /// <summary>The request's cookies; one instance per request, kept in its <see cref="HttpContext.Items"/> (reset for every request).</summary>
    public static BrowserCookies Of(HttpContext context)
    {
        lock (Creation)
        {
            if (context.Items.TryGetValue(ItemKey, out var item) && item is BrowserCookies existing)
            {
                return existing;
            }
            // HTTP/2 may split the header into several fields; joined with "; " they are one header again.
            var cookies = new BrowserCookies(string.Join("; ", context.Request.Headers.Cookie.Where(field => !string.IsNullOrEmpty(field))));
            context.Items[ItemKey] = cookies;
            return cookies;
        }
    }

    /// <summary>The <c>Cookie</c> header to send: the request's as it came until AuthApi changes a cookie; empty for none.</summary>
    public string Header
    {
        get
        {
            lock (_lock)
            {
                return _updated is null ? _requestHeader : string.Join("; ", _updated.Select(cookie => $"{cookie.Key}={cookie.Value}"));
            }
        }
    }

    /// <summary>Appends AuthApi's <c>Set-Cookie</c> headers, as they are, to the response, and applies them to <see cref="Header"/>.</summary>
    public void PassBack(HttpResponse response, IReadOnlyList<string> setCookies, DateTimeOffset now)
    {
        lock (_lock)
        {
            _updated ??= Parse(_requestHeader);
            foreach (var setCookie in setCookies)
            {
                response.Headers.Append(HeaderNames.SetCookie, setCookie);
                if (SetCookieHeaderValue.TryParse(setCookie, out var cookie))
                {
                    Apply(_updated, cookie, now);
                }
            }
        }
    }

    // Names only: AuthApi's cookies all have Path=/ and no Domain, so the browser sends each of them on every call to AuthApi.
    private static void Apply(List<KeyValuePair<string, string>> cookies, SetCookieHeaderValue cookie, DateTimeOffset now)
    {
        var name = cookie.Name.ToString();
        var index = cookies.FindIndex(existing => existing.Key == name);
        if (IsDeletion(cookie, now))
        {
            if (index >= 0)
            {
                cookies.RemoveAt(index);
            }
            return;
        }
        var updated = KeyValuePair.Create(name, cookie.Value.ToString());
        if (index >= 0)
        {
            cookies[index] = updated;
        }
        else
        {
            cookies.Add(updated);
        }
    }

    // RFC 6265 §5.3: Max-Age wins over Expires; either in the past removes the cookie.
    private static bool IsDeletion(SetCookieHeaderValue cookie, DateTimeOffset now) =>
        cookie.MaxAge is { } maxAge ? maxAge <= TimeSpan.Zero : cookie.Expires is { } expires && expires <= now;

    private static List<KeyValuePair<string, string>> Parse(string header) =>
        CookieHeaderValue.TryParseList([header], out var cookies)
            ? [.. cookies.Select(cookie => KeyValuePair.Create(cookie.Name.ToString(), cookie.Value.ToString()))]
            : [];
}
