namespace AuthApi.Http;

/// <summary>
/// Marks the endpoints a browser navigates to (<c>/login</c>, the callbacks, <c>GET /logout</c>): their errors are a small
/// HTML page when the request prefers <c>text/html</c> (<see cref="HtmlProblemWriter"/>), Problem Details otherwise.
/// </summary>
internal static class BrowserErrorPage
{
    public static TBuilder AnswersNavigationsWithErrorPage<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NavigationEndpoint());
}

/// <summary>An endpoint a person reaches by navigating, not by <c>fetch</c> (read by <see cref="HtmlProblemWriter"/> and the OpenAPI document).</summary>
internal sealed class NavigationEndpoint;
