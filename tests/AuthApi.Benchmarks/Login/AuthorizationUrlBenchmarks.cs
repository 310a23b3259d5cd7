using AuthApi.Benchmarks.Infrastructure;
using AuthApi.Login;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApi.Benchmarks.Login;

/// <summary>
/// <c>LoginStart.StartAsync</c> as <c>GET /login</c> calls it once the request is validated: a new transaction (state, nonce,
/// PKCE verifier), its protected login cookie, and the authorization URL from the cached metadata.
/// </summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet runs a generated subclass.
public class AuthorizationUrlBenchmarks
{
    private readonly LoginRequest _request = new() { Provider = BenchmarkProvider.Name, ReturnUrl = "/" };
    private BenchmarkHost _host = null!;
    private LoginStart _loginStart = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync();
        _loginStart = _host.Services.GetRequiredService<LoginStart>();
        // The first start fetches the metadata; a failed one would measure the error path.
        if (await StartLogin() is null)
        {
            throw new InvalidOperationException("The login does not start: the benchmark provider's metadata did not load.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host.DisposeAsync();

    /// <summary>The authorization URL, null when the login could not start.</summary>
    [Benchmark]
    public async Task<string?> StartLogin() =>
        (await _loginStart.StartAsync(_host.CreateRequest(), _request, CancellationToken.None)).AuthorizationUrl;
}
