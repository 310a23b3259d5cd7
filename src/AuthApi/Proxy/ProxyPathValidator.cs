using System.Buffers;

namespace AuthApi.Proxy;

/// <summary>
/// Refuses a proxied path that an upstream could resolve outside the route's destination. Kestrel decodes the path once
/// (all but <c>%2F</c>) and removes its dot segments, and YARP forwards that path escaped again; but an upstream that reads
/// '\' as '/' (IIS, http.sys), decodes once more, or drops ';' parameters before resolving dot segments (Tomcat) climbs out
/// of the route with <c>..\</c>, <c>..%5C</c>, <c>..%2F</c>, <c>%252e%252e</c> or <c>..;</c>.
/// </summary>
internal static class ProxyPathValidator
{
    public const string Backslash = "a backslash";

    public const string EncodedSlash = "an encoded slash";

    public const string HiddenDotSegment = "an encoded dot segment or one with ';' parameters";

    // A path holding none of these has no segment to refuse: plain '.' and '..' segments are gone before routing.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create("\\%;");

    /// <summary>What in the path could leave the route's destination, or null when nothing could.</summary>
    /// <param name="path">The request's path as Kestrel decoded it.</param>
    /// <param name="rawTarget">
    /// The request target as the client sent it (empty on the in-memory test server): Kestrel removed the encoded dot
    /// segments from <paramref name="path"/>, and only here are they seen.
    /// </param>
    public static string? Refusal(string path, string rawTarget)
    {
        var rawPath = rawTarget.AsSpan(0, rawTarget.IndexOf('?') is var query and >= 0 ? query : rawTarget.Length);
        return Refusal(path) ?? Refusal(rawPath.ToString());
    }

    private static string? Refusal(string path)
    {
        if (!path.AsSpan().ContainsAny(Suspicious))
        {
            return null;
        }
        foreach (var segment in path.Split('/'))
        {
            if (SegmentRefusal(segment) is { } refusal)
            {
                return refusal;
            }
        }
        return null;
    }

    /// <summary>
    /// The segment decoded as often as it holds escapes (<c>%252e</c> is a dot to an upstream that decodes twice): no step
    /// may give '\' or '/', and the result may not be '.' or '..' unless the segment was that plainly.
    /// </summary>
    private static string? SegmentRefusal(string segment)
    {
        var decoded = segment;
        while (true)
        {
            if (decoded.Contains('\\'))
            {
                return Backslash;
            }
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }
            if (next.Contains('/'))
            {
                return EncodedSlash;
            }
            decoded = next;
        }
        var name = decoded.AsSpan(0, decoded.IndexOf(';') is var parameters and >= 0 ? parameters : decoded.Length);
        return name is "." or ".." && !name.SequenceEqual(segment) ? HiddenDotSegment : null;
    }
}
