namespace AuthApi.Logging;

/// <summary>
/// Endpoint metadata: the request's path holds a value no log line or span may show (a session ID, which a
/// <c>GET /logout?sid=</c> link would accept). The request log and traces show the route pattern (<c>/me/sessions/{id}</c>) instead.
/// </summary>
internal sealed record ConcealedPath;

/// <summary>Marking endpoints with <see cref="ConcealedPath"/>, and the path to log or trace for a request.</summary>
internal static class ConcealedPaths
{
    private static readonly ConcealedPath Marker = new();

    public static TBuilder ConcealsPath<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Marker);

    /// <summary>The route pattern for a marked endpoint, else null: the request's own path may be shown.</summary>
    public static string? PatternToShow(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<ConcealedPath>() is not null
            ? endpoint.RoutePattern.RawText
            : null;
}
