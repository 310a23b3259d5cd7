using System.Diagnostics;

namespace AuthApi.Tests.Options;

/// <summary>
/// The built service started as operators start it (<c>dotnet AuthApi.dll</c> with environment
/// variables): a bad configuration stops it with one line per problem, naming the key, and no stack trace.
/// </summary>
public sealed class StartupConfigurationTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("authapi-startup-").FullName;

    [Fact]
    public async Task BadConfigurationStopsTheServiceWithOneLinePerProblemNamingTheKey()
    {
        var run = await RunServiceAsync(new()
        {
            ["Auth__RedirectUri"] = "https://x/wrong",
            ["Auth__Providers__evil__ServerMetadataUrl"] = "http://evil.example/.well-known/openid-configuration",
            ["Auth__Providers__evil__ClientId"] = "client-id",
            ["Auth__Providers__evil__ClientSecret"] = "client-secret",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.ErrorLines, line => line.Contains("Auth:RedirectUri", StringComparison.Ordinal));
        Assert.Single(run.ErrorLines, line => line.Contains("Auth:Providers:evil:ServerMetadataUrl", StringComparison.Ordinal));
        Assert.Equal(2, run.ErrorLines.Count(line => line.Contains("Auth:", StringComparison.Ordinal)));
        Assert.DoesNotContain(run.ErrorLines, IsStackTraceLine);
    }

    [Fact]
    public async Task MalformedValueStopsTheServiceWithOneLineNamingTheKey()
    {
        var run = await RunServiceAsync(new()
        {
            ["Auth__RedirectUri"] = "https://app.example.com/oauth2callback",
            ["Auth__Providers__idp__ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration",
            ["Auth__Providers__idp__ClientId"] = "client-id",
            ["Auth__Providers__idp__ClientSecret"] = "client-secret",
            ["Auth__LoginTimeout"] = "soon",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.Contains("Auth:LoginTimeout", StringComparison.Ordinal));
        Assert.DoesNotContain(run.ErrorLines, IsStackTraceLine);
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    private static bool IsStackTraceLine(string line) => line.StartsWith("   at ", StringComparison.Ordinal);

    private async Task<ServiceRun> RunServiceAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AuthApi.dll"));
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("Auth__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0"; // should it start after all, never clash on a port
        start.Environment["Auth__DataProtection__KeysPath"] = Path.Combine(_workDirectory, "keys");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The service was still running {ExitTimeout.TotalSeconds} s after starting with a bad configuration.\nstdout:\n{await stdout}");
        }
        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
        return new ServiceRun(process.ExitCode, errorLines);
    }

    /// <summary>The <c>dotnet</c> running these tests, so the service runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private sealed record ServiceRun(int ExitCode, IReadOnlyList<string> ErrorLines);
}
