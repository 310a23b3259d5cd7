using Microsoft.Net.Http.Headers;

namespace AuthApi.Http;

/// <summary>Whether a request's <c>Accept</c> prefers an HTML page to JSON, as a browser navigation's does (RFC 9110 §12.5.1).</summary>
internal static class HtmlPreference
{
    private static readonly string[] JsonTypes = ["application/json", "application/problem+json"];

    /// <summary>
    /// True when <c>text/html</c> has a higher weight than any JSON type: a browser's <c>text/html,...,*/*;q=0.8</c> does;
    /// no <c>Accept</c>, <c>*/*</c> (fetch's default) and <c>application/json</c> do not.
    /// </summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        return accepted.Count > 0 && WeightOf("text/html", accepted) > JsonTypes.Max(type => WeightOf(type, accepted));
    }

    /// <summary>The quality of the most specific range that matches the type (text/html before text/* before */*), 0 when none does.</summary>
    private static double WeightOf(string mediaType, IList<MediaTypeHeaderValue> accepted)
    {
        var type = new MediaTypeHeaderValue(mediaType);
        return accepted
            .Where(range => type.IsSubsetOf(range))
            .OrderByDescending(range => range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2)
            .Select(range => range.Quality ?? 1.0)
            .FirstOrDefault();
    }
}
