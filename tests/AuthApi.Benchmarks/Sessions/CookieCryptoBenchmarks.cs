using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using AuthApi.Benchmarks.Infrastructure;
using AuthApi.Sessions;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApi.Benchmarks.Sessions;

/// <summary>
/// What a session cache in front of Data Protection trades: unprotecting an identity cookie's value (base64url decode, then
/// <see cref="IDataProtector.Unprotect(byte[])"/>, no JSON) against a SHA-256 of the same cookie string, the cost of finding
/// it in a cache keyed by its hash. The payload is the sample identity's JSON, protected with the host's own key ring.
/// </summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet runs a generated subclass.
public class CookieCryptoBenchmarks
{
    /// <summary>The options the cookie service writes its payloads with, so the payload is byte for byte the cookie's.</summary>
    private static readonly JsonSerializerOptions PayloadJson = CookieJar.PayloadJsonOptions();

    private readonly byte[] _hash = new byte[SHA256.HashSizeInBytes];
    private BenchmarkHost _host = null!;
    private IDataProtector _protector = null!;
    private string _smallCookie = "";
    private string _chunkedCookie = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchmarkHost.StartAsync();
        // The purpose only derives the key; the cost is that of the service's identity cookie.
        _protector = _host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("AuthApi.Benchmarks.Identity");
        _smallCookie = Protect(SampleSessions.Small().Session);
        _chunkedCookie = Protect(SampleSessions.Chunked().Session);
        // The hash's cost grows with the length, so the log says what was hashed.
        Console.WriteLine($"// Identity cookie values: small {_smallCookie.Length} chars, chunked {_chunkedCookie.Length} chars");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _host.DisposeAsync();

    [Benchmark(Baseline = true)]
    public byte[] UnprotectSmallIdentity() => _protector.Unprotect(WebEncoders.Base64UrlDecode(_smallCookie));

    [Benchmark]
    public byte[] UnprotectChunkedIdentity() => _protector.Unprotect(WebEncoders.Base64UrlDecode(_chunkedCookie));

    [Benchmark]
    public int Sha256OfSmallCookie() => SHA256.HashData(MemoryMarshal.AsBytes(_smallCookie.AsSpan()), _hash);

    [Benchmark]
    public int Sha256OfChunkedCookie() => SHA256.HashData(MemoryMarshal.AsBytes(_chunkedCookie.AsSpan()), _hash);

    private string Protect(object session) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(session, PayloadJson)));
}
