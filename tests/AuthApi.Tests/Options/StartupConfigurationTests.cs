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

    [Fact]
    public async Task ExposingTheRefreshTokenWithoutTheSecondOptInStopsTheServiceNamingBothKeys()
    {
        var run = await RunServiceAsync(new()
        {
            ["Auth__RedirectUri"] = "https://app.example.com/oauth2callback",
            ["Auth__Providers__idp__ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration",
            ["Auth__Providers__idp__ClientId"] = "client-id",
            ["Auth__Providers__idp__ClientSecret"] = "client-secret",
            ["Auth__ExposeTokens"] = "id,refresh",
        });

        Assert.NotEqual(0, run.ExitCode);
        var problem = Assert.Single(run.ErrorLines, line => line.Contains("Auth:", StringComparison.Ordinal));
        Assert.Contains("Auth:ExposeTokens", problem, StringComparison.Ordinal);
        Assert.Contains("Auth:ExposeRefreshToken=true", problem, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    private static bool IsStackTraceLine(string line) => line.StartsWith("   at ", StringComparison.Ordinal);

    private async Task<ServiceRun> RunServiceAsync(Dictionary<string, string> environment)
    {
        await using var service = ServiceProcess.Start(_workDirectory, environment);
        if (!await service.WaitForExitAsync(ExitTimeout))
        {
            Assert.Fail($"The service was still running {ExitTimeout.TotalSeconds} s after starting with a bad configuration.\nstdout:\n{string.Join('\n', service.OutputLines)}");
        }
        return new ServiceRun(service.ExitCode, service.ErrorLines);
    }

    private sealed record ServiceRun(int ExitCode, IReadOnlyList<string> ErrorLines);
}
