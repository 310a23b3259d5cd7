using AuthApi.Benchmarks.Infrastructure;
using AuthApi.Sessions;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApi.Benchmarks.Sessions;

/// <summary><c>ISessionStore.CreateAsync</c> as a login calls it: JSON, Data Protection protect, chunking and the Set-Cookie headers.</summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet runs a generated subclass.
public class SessionWriteBenchmarks
{
    private BenchmarkHost _host = null!;
    private ISessionStore _store = null!;
    private NewSession _small = null!;
    private NewSession _chunked = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync();
        _store = _host.Services.GetRequiredService<ISessionStore>();
        _small = SampleSessions.Small();
        _chunked = SampleSessions.Chunked();
        // Writes the key ring's first key, which would otherwise land in the first measured write.
        await SampleSessions.CookieHeaderAsync(_host, _small);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host.DisposeAsync();

    [Benchmark(Baseline = true)]
    public async ValueTask<int> WriteSmallIdentity() => await WriteAsync(_small);

    [Benchmark]
    public async ValueTask<int> WriteChunkedIdentity() => await WriteAsync(_chunked);

    /// <summary>The Set-Cookie headers written, so a write that wrote nothing shows as 0.</summary>
    private async ValueTask<int> WriteAsync(NewSession session)
    {
        var context = _host.CreateRequest();
        await _store.CreateAsync(context, session);
        return context.Response.Headers.SetCookie.Count;
    }
}
