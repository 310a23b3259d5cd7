using AuthApi.Benchmarks.Infrastructure;
using AuthApi.Provider;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApi.Benchmarks.Provider;

/// <summary>
/// <c>IdTokenValidator.ValidateAsync</c> as the callback calls it: parse, RS256 signature against the provider's JWKS (a
/// locally generated 2048-bit key), issuer, audience, lifetime, nonce.
/// </summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet runs a generated subclass.
public class IdTokenValidationBenchmarks
{
    private const string Nonce = "benchmark-nonce";

    private BenchmarkHost _host = null!;
    private IdTokenValidator _validator = null!;
    private ProviderMetadata _metadata = null!;
    private IdTokenExpectations _expected = null!;
    private string _idToken = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync();
        _validator = _host.Services.GetRequiredService<IdTokenValidator>();
        _metadata = await _host.Services.GetRequiredService<ProviderMetadataCache>().GetAsync(BenchmarkProvider.Name)
            ?? throw new InvalidOperationException("The benchmark provider's metadata did not load.");
        _expected = new IdTokenExpectations(Nonce, MaxAge: null);
        _idToken = _host.Provider.CreateIdToken(Nonce);
        // A refused token takes the failure path, which is not what a login costs.
        if (await ValidateIdToken() is { } error)
        {
            throw new InvalidOperationException($"The benchmark ID token is refused: {error}");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host.DisposeAsync();

    /// <summary>Null when valid, else the reason.</summary>
    [Benchmark]
    public async Task<string?> ValidateIdToken() =>
        (await _validator.ValidateAsync(BenchmarkProvider.Name, _metadata, _idToken, _expected, CancellationToken.None)).Error;
}
