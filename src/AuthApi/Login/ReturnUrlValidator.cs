using AuthApi.Options;
using Microsoft.Extensions.Options;

namespace AuthApi.Login;

/// <summary>
/// Decides where a login may send the browser back to: a local path, or an absolute URL on one of
/// <c>Auth:AllowedOrigins</c>. Anything else would make <c>/login</c> an open redirector.
/// </summary>
internal sealed class ReturnUrlValidator(IOptions<AuthOptions> options)
{
    public bool IsAllowed(string returnUrl) =>
        IsLocalPath(returnUrl) || IsOnAllowedOrigin(returnUrl);

    /// <summary>One leading '/', never '//' or '/\' (browsers read both as another host), checked again after percent-decoding.</summary>
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
        if (System.Text.Ascii.IsValid(url))
        {
            return url;
        }
        var builder = new System.Text.StringBuilder(url.Length * 2);
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
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private bool IsOnAllowedOrigin(string url)
    {
        if (url.Any(char.IsControl)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0)
        {
            return false;
        }
        var origin = uri.GetLeftPart(UriPartial.Authority);
        return options.Value.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsPlainLocalPath(string url) =>
        url.Length > 0
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
