using System.Collections.Concurrent;
using AuthApi.Contracts;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// Sends the same requests over and over while Redis fails over, and keeps every answer that is neither the expected 200 nor
/// 503 <c>session_store_unavailable</c> with <c>Retry-After</c>: a 500, a false "logged out", a stolen cookie read as live.
/// </summary>
public sealed class FailoverWatch : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _wrong = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private int _expected;
    private int _unavailable;

    private FailoverWatch(IReadOnlyList<FailoverProbe> probes)
    {
        _watching = Task.Run(() => WatchAsync(probes));
    }

    /// <summary>Answers that were neither expected nor a proper 503, each as "name: status body".</summary>
    public IReadOnlyCollection<string> Wrong => _wrong;

    /// <summary>Answers that were the expected 200.</summary>
    public int Expected => _expected;

    /// <summary>Answers that were 503 <c>session_store_unavailable</c> with <c>Retry-After</c>.</summary>
    public int Unavailable => _unavailable;

    public static FailoverWatch Start(IEnumerable<FailoverProbe> probes) => new([.. probes]);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _watching;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }

    private async Task WatchAsync(IReadOnlyList<FailoverProbe> probes)
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var probe in probes)
            {
                await JudgeAsync(probe);
            }
        }
    }

    private async Task JudgeAsync(FailoverProbe probe)
    {
        try
        {
            using var response = await probe.Send();
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && probe.IsExpected(JsonDocument.Parse(body).RootElement))
            {
                Interlocked.Increment(ref _expected);
            }
            else if (IsSessionStoreUnavailable(response, body))
            {
                Interlocked.Increment(ref _unavailable);
            }
            else
            {
                _wrong.Enqueue($"{probe.Name}: {(int)response.StatusCode} {body}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            _wrong.Enqueue($"{probe.Name}: {ex.GetType().Name} {ex.Message}"); // the test server rethrows what escaped the pipeline
        }
    }

    private static bool IsSessionStoreUnavailable(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable
        && response.Headers.RetryAfter?.Delta > TimeSpan.Zero
        && body.Contains($"\"errorCode\":\"{ErrorCodes.SessionStoreUnavailable}\"", StringComparison.Ordinal);
}

/// <summary>A request a <see cref="FailoverWatch"/> repeats, by name, and what its 200 body must say.</summary>
public sealed record FailoverProbe(string Name, Func<Task<HttpResponseMessage>> Send, Func<JsonElement, bool> IsExpected);
