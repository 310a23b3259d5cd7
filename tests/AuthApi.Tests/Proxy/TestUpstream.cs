using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AuthApi.Tests.Proxy;

/// <summary>
/// What the upstream API received: the request line (<see cref="RawTarget"/> as sent, <see cref="PathAndQuery"/> as Kestrel
/// decoded it) and the headers the proxy may touch.
/// </summary>
public sealed record UpstreamRequest(string Method, string PathAndQuery, string? Authorization, string? Cookie, bool HasCsrfHeader, IReadOnlyDictionary<string, string> Headers, string RawTarget);

/// <summary>An upstream API on Kestrel (loopback, a free port) that records every request and answers as the test sets it.</summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestUpstream(WebApplication app) => _app = app;

    public ConcurrentQueue<UpstreamRequest> Received { get; } = new();

    public int Status { get; set; } = 200;

    public string Body { get; set; } = """{"from":"upstream"}""";

    /// <summary>An answer of the test's own instead of <see cref="Status"/> and <see cref="Body"/> (the request is recorded first).</summary>
    public Func<HttpContext, Task>? Answer { get; set; }

    /// <summary>How long the upstream waits before answering (the wait ends when the caller gives up).</summary>
    public TimeSpan Delay { get; set; }

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<TestUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new TestUpstream(app);
        app.Run(upstream.AnswerAsync);
        await app.StartAsync();
        return upstream;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        Received.Enqueue(new UpstreamRequest(
            request.Method,
            request.Path + request.QueryString,
            request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            request.Headers.Cookie.Count > 0 ? request.Headers.Cookie.ToString() : null,
            request.Headers.ContainsKey("X-CSRF"),
            request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget));
        if (Answer is not null)
        {
            await Answer(context);
            return;
        }
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = Status;
        context.Response.Headers["X-Upstream"] = "test";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
