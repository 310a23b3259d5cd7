using Microsoft.Extensions.Primitives;

namespace AuthApi.Sessions;

/// <summary>
/// Finds one cookie's value in the request's <c>Cookie</c> header where it lies, without building the request's whole cookie
/// collection (which copies every cookie, the large tokens cookie too): the allocation-free first look of a session read.
/// Anything unusual (the name twice, a quoted value) is left to the framework's parser.
/// </summary>
internal static class CookieHeader
{
    /// <summary>True when the cookie named <paramref name="prefix"/> + <paramref name="baseName"/> appears exactly once, plainly.</summary>
    public static bool TryFindSingle(StringValues headers, string prefix, string baseName, out ReadOnlySpan<char> value)
    {
        value = default;
        var found = false;
        foreach (var header in headers)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = (end < 0 ? rest : rest[..end]).Trim(' ');
                rest = end < 0 ? default : rest[(end + 1)..];
                var equals = pair.IndexOf('=');
                if (equals < 0 || !IsName(pair[..equals], prefix, baseName))
                {
                    continue;
                }
                if (found || pair[(equals + 1)..].StartsWith('"'))
                {
                    return false;
                }
                value = pair[(equals + 1)..];
                found = true;
            }
        }
        return found;
    }

    private static bool IsName(ReadOnlySpan<char> name, string prefix, string baseName) =>
        name.Length == prefix.Length + baseName.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(baseName, StringComparison.Ordinal);
}
