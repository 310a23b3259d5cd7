namespace AuthApi.Tests.Client;

/// <summary>Passes requests to the in-memory service and keeps what went over the wire: each request's headers and each answer's cookies.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler(TestApp app) => InnerHandler = app.Factory.Server.CreateHandler();

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>The <c>Set-Cookie</c> headers of every answer, in order.</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>The <c>Cookie</c> header of the last request, or null when it had none.</summary>
    public string? LastCookieHeader =>
        Requests[^1].Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var response = await base.SendAsync(request, cancellationToken);
        SetCookies.AddRange(response.SetCookies());
        return response;
    }
}
