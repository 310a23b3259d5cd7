namespace AuthApi.Http;

/// <summary>
/// A 302 with its <c>Location</c>, written without the framework's redirect result, whose log line prints the
/// target URL (a nonce in an authorization URL, an <c>id_token_hint</c> in a logout URL) at any log level.
/// </summary>
internal sealed class FoundHttpResult(string location) : IResult, IStatusCodeHttpResult
{
    public string Location { get; } = location;

    public int? StatusCode => StatusCodes.Status302Found;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status302Found;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}
