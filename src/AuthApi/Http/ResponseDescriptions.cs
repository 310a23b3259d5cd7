namespace AuthApi.Http;

/// <summary>Says what an endpoint's success or redirect answer means, with sample bodies (read by the OpenAPI document).</summary>
internal static class ResponseDescriptions
{
    /// <param name="examples">Sample bodies, made from the response records so they serialize exactly like real answers.</param>
    public static RouteHandlerBuilder WithResponseDescription(this RouteHandlerBuilder builder, int statusCode, string description, params (string Name, object Body)[] examples) =>
        builder.WithMetadata(new ResponseDescription(statusCode, description, examples));
}

/// <summary>What the answer with <see cref="StatusCode"/> means, and its named example bodies.</summary>
internal sealed record ResponseDescription(int StatusCode, string Description, IReadOnlyList<(string Name, object Body)> Examples);
