using AuthApi.Benchmarks.Infrastructure;
using AuthApi.Sessions;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApi.Benchmarks.Sessions;

/// <summary>
/// <c>ISessionStore.ReadAsync</c> as <c>/me</c> calls it, on a fresh request carrying the cookies a login wrote: header
/// parsing, chunk reassembly, Data Protection unprotect, JSON and the expiry and ended-session checks.
/// </summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet runs a generated subclass.
public class SessionReadBenchmarks
{
    private BenchmarkHost _host = null!;
    private ISessionStore _store = null!;
    private string _smallCookies = "";
    private string _chunkedCookies = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync();
        _store = _host.Services.GetRequiredService<ISessionStore>();
        _smallCookies = await SampleSessions.CookieHeaderAsync(_host, SampleSessions.Small());
        _chunkedCookies = await SampleSessions.CookieHeaderAsync(_host, SampleSessions.Chunked());
        // A read that finds no session would measure the anonymous path instead.
        if (await ReadSmallIdentity() is null || await ReadChunkedIdentity() is null)
        {
            throw new InvalidOperationException("The store does not read back the session it wrote.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host.DisposeAsync();

    [Benchmark(Baseline = true)]
    public async ValueTask<string?> ReadSmallIdentity() =>
        (await _store.ReadAsync(_host.CreateRequest(_smallCookies), activity: true))?.Id;

    [Benchmark]
    public async ValueTask<string?> ReadChunkedIdentity() =>
        (await _store.ReadAsync(_host.CreateRequest(_chunkedCookies), activity: true))?.Id;

    [Benchmark]
    public async ValueTask<string?> ReadWithoutCookies() =>
        (await _store.ReadAsync(_host.CreateRequest(), activity: true))?.Id;
}
