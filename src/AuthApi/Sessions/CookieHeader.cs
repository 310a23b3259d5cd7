using Microsoft.Extensions.Primitives;

namespace AuthApi.Sessions;

/// <summary>
/// Finds one cookie's value in the request's <c>Cookie</c> header where it lies, without building the request's whole cookie
/// collection (which copies every cookie, the large tokens cookie too): the allocation-free first look of a session read.
/// It also tells when the name is ambiguous: ASP.NET Core's cookie collection matches names in any letter case and hands
/// out the last of several, so a look-alike planted beside the real cookie (<c>AUTHAPI.session</c>, or another
/// <c>__Host-</c>/<c>__Secure-</c> prefix) could be read in its place.
/// </summary>
internal static class CookieHeader
{
    private static readonly string[] NamePrefixes = [SessionCookieNames.HostPrefix, SessionCookieNames.SecurePrefix];

    public enum Lookup
    {
        /// <summary>No cookie of that name or a look-alike.</summary>
        Absent,

        /// <summary>Exactly once, by its exact name, with a plain value.</summary>
        Single,

        /// <summary>Exactly once, by its exact name, with a value the framework's parser should read (quoted).</summary>
        Unusual,

        /// <summary>Twice, or beside a look-alike: no value may be trusted.</summary>
        Ambiguous,
    }

    public static Lookup Find(StringValues headers, string name, out ReadOnlySpan<char> value)
    {
        value = default;
        var found = Lookup.Absent;
        foreach (var header in headers)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = (end < 0 ? rest : rest[..end]).Trim(' ');
                rest = end < 0 ? default : rest[(end + 1)..];
                var equals = pair.IndexOf('=');
                var pairName = equals < 0 ? default : pair[..equals].Trim(' ');
                if (equals < 0 || !AreAlike(pairName, name))
                {
                    continue;
                }
                if (found != Lookup.Absent || !pairName.SequenceEqual(name))
                {
                    value = default;
                    return Lookup.Ambiguous;
                }
                value = pair[(equals + 1)..];
                found = value.StartsWith('"') ? Lookup.Unusual : Lookup.Single;
            }
        }
        return found;
    }

    /// <summary>The same cookie name to a browser's or the framework's eye: any letter case, any or no <c>__Host-</c>/<c>__Secure-</c>.</summary>
    public static bool AreAlike(ReadOnlySpan<char> name, ReadOnlySpan<char> other) =>
        WithoutPrefix(name).Equals(WithoutPrefix(other), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> WithoutPrefix(ReadOnlySpan<char> name)
    {
        foreach (var prefix in NamePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return name[prefix.Length..];
            }
        }
        return name;
    }
}
