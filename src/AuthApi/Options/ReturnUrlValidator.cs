using System.Globalization;
using System.Text;

namespace AuthApi.Options;

/// <summary>
/// Decides where a login or logout may send the browser: a local path, or an absolute URL on one of
/// <c>Auth:AllowedOrigins</c>. Anything else would make AuthApi an open redirector.
/// </summary>
internal static class ReturnUrlValidator
{
    /// <summary>Longest return URL accepted; it travels in a cookie and a <c>Location</c> header.</summary>
    public const int MaxLength = 2048;

    public static bool IsAllowed(string returnUrl, IEnumerable<string> allowedOrigins) =>
        returnUrl.Length <= MaxLength && (IsLocalPath(returnUrl) || IsOnAllowedOrigin(returnUrl, allowedOrigins));

    /// <summary>
    /// One leading '/', never '//' (another host to a browser), no '\' anywhere (browsers read it as '/'),
    /// no '.' or '..' segment (<c>/.//evil.com</c> resolves to <c>//evil.com</c>), no control characters;
    /// checked again after percent-decoding.
    /// </summary>
    public static bool IsLocalPath(string url)
    {
        if (!IsPlainLocalPath(url))
        {
            return false;
        }
        var decoded = Uri.UnescapeDataString(url);
        return decoded == url || IsPlainLocalPath(decoded);
    }

    /// <summary>The URL with non-ASCII characters percent-encoded as UTF-8: a <c>Location</c> header must be ASCII.</summary>
    public static string ToAscii(string url)
    {
        if (Ascii.IsValid(url))
        {
            return url;
        }
        var builder = new StringBuilder(url.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                builder.Append((char)rune.Value);
                continue;
            }
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static bool IsOnAllowedOrigin(string url, IEnumerable<string> allowedOrigins)
    {
        if (url.Any(char.IsControl)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0)
        {
            return false;
        }
        var origin = uri.GetLeftPart(UriPartial.Authority);
        return allowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsPlainLocalPath(string url) =>
        url.Length > 0
        && url[0] == '/'
        && (url.Length == 1 || url[1] != '/')
        && !url.Contains('\\')
        && !url.Any(char.IsControl)
        && !HasDotSegment(url);

    private static bool HasDotSegment(string url)
    {
        var pathEnd = url.IndexOfAny(['?', '#']);
        foreach (var segment in url.AsSpan(0, pathEnd < 0 ? url.Length : pathEnd).Split('/'))
        {
            if (url.AsSpan(segment) is "." or "..")
            {
                return true;
            }
        }
        return false;
    }
}
