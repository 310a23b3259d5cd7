using System.Text;
using AuthApi.Benchmarks.Infrastructure;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace AuthApi.Benchmarks.User;

/// <summary>
/// <c>GET /me</c> through the whole pipeline in memory (middleware, routing, session read, JSON response), against
/// <c>GET /healthz</c> of the same host as the baseline: the ratio column is what a session costs on top of a bare endpoint.
/// </summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet runs a generated subclass.
public class MeEndpointBenchmarks
{
    private BenchmarkHost _host = null!;
    private string _smallCookies = "";
    private string _chunkedCookies = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync();
        _smallCookies = await SampleSessions.CookieHeaderAsync(_host, SampleSessions.Small());
        _chunkedCookies = await SampleSessions.CookieHeaderAsync(_host, SampleSessions.Chunked());
        await ExpectAsync("/healthz", null, "\"alive\"");
        await ExpectAsync("/me", null, "\"isLoggedIn\":false");
        await ExpectAsync("/me", _smallCookies, "\"isLoggedIn\":true");
        await ExpectAsync("/me", _chunkedCookies, "\"isLoggedIn\":true");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host.DisposeAsync();

    [Benchmark(Baseline = true)]
    public async Task<int> Healthz() => (await _host.GetAsync("/healthz")).Response.StatusCode;

    [Benchmark]
    public async Task<int> MeAnonymous() => (await _host.GetAsync("/me")).Response.StatusCode;

    [Benchmark]
    public async Task<int> MeLoggedIn() => (await _host.GetAsync("/me", _smallCookies)).Response.StatusCode;

    [Benchmark]
    public async Task<int> MeLoggedInChunked() => (await _host.GetAsync("/me", _chunkedCookies)).Response.StatusCode;

    /// <summary>Fails the run when an endpoint does not answer as measured (an anonymous /me where a session was meant).</summary>
    private async Task ExpectAsync(string path, string? cookies, string expected)
    {
        var context = await _host.GetAsync(path, cookies);
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (context.Response.StatusCode != StatusCodes.Status200OK || !body.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {path} answered {context.Response.StatusCode} {body}, not {expected}.");
        }
    }
}
