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
    public async Task UnreadableValuesAreReportedWithEveryOtherProblemEachNamingItsKeyAndAnExample()
    {
        var run = await RunServiceAsync(new()
        {
            ["Auth__RedirectUri"] = "https://app.example.com/wrong",
            ["Auth__Providers__idp__ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration",
            ["Auth__Providers__idp__ClientId"] = "client-id",
            ["Auth__Providers__idp__ClientSecret"] = "client-secret",
            ["Auth__Session__IdleTimeout"] = "30m",
            ["Auth__RateLimit__PermitsPerMinute"] = "many",
            ["Auth__Providers__idp__UseUserInfo"] = "yes",
        });

        Assert.NotEqual(0, run.ExitCode);
        var idle = Assert.Single(run.ErrorLines, line => line.Contains("Auth:Session:IdleTimeout", StringComparison.Ordinal));
        Assert.Contains("'30m'", idle, StringComparison.Ordinal);
        Assert.Contains("00:30:00", idle, StringComparison.Ordinal);
        Assert.Single(run.ErrorLines, line => line.Contains("Auth:RateLimit:PermitsPerMinute", StringComparison.Ordinal) && line.Contains("whole number", StringComparison.Ordinal));
        Assert.Single(run.ErrorLines, line => line.Contains("Auth:Providers:idp:UseUserInfo", StringComparison.Ordinal) && line.Contains("true or false", StringComparison.Ordinal));
        Assert.Single(run.ErrorLines, line => line.Contains("Auth:RedirectUri", StringComparison.Ordinal)); // not hidden by the unreadable values
        Assert.Equal(4, run.ErrorLines.Count(line => line.Contains("Auth:", StringComparison.Ordinal)));
        Assert.DoesNotContain(run.ErrorLines, IsStackTraceLine);
    }

    [Fact]
    public async Task UnknownKeysAreWarnedOfWithTheClosestKnownKeyAndTheServiceStarts()
    {
        await using var service = ServiceProcess.Start(_workDirectory, new Dictionary<string, string>
        {
            ["Auth__RedirectUri"] = "https://app.example.com/oauth2callback",
            ["Auth__Providers__idp__ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration",
            ["Auth__Providers__idp__ClientId"] = "client-id",
            ["Auth__Providers__idp__ClientSecret"] = "client-secret",
            ["Auth__Sesion__IdleTimeout"] = "00:30:00",
            ["Auth__Providers__idp__ClientSecet"] = "secret-value-typed-under-a-wrong-key",
            ["Auth__Webhooks__Enabled"] = "true",
        });

        var warnings = await WaitForLinesAsync(service, line => line.Contains(" is not a setting ", StringComparison.Ordinal), count: 3);

        Assert.Contains(warnings, line => line.Contains("Auth:Sesion is not a setting of AuthApi and is ignored: did you mean Auth:Session?", StringComparison.Ordinal));
        Assert.Contains(warnings, line => line.Contains("Auth:Providers:idp:ClientSecet is not a setting of AuthApi and is ignored: did you mean Auth:Providers:idp:ClientSecret?", StringComparison.Ordinal));
        Assert.Contains(warnings, line => line.Contains("Auth:Webhooks is not a setting of this version of AuthApi", StringComparison.Ordinal));
        Assert.DoesNotContain(service.OutputLines.Concat(service.ErrorLines), line => line.Contains("secret-value-typed-under-a-wrong-key", StringComparison.Ordinal));
        Assert.False(await service.WaitForExitAsync(TimeSpan.Zero), "A configuration with unknown keys only must start.");
    }

    [Fact]
    public async Task UnknownKeysAreListedBesideTheProblemsWhenTheServiceCannotStart()
    {
        var run = await RunServiceAsync(new()
        {
            ["Auth__RedirectUri"] = "https://app.example.com/oauth2callback",
            ["Auth__Providers__idp__ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration",
            ["Auth__Providers__idp__ClientId"] = "client-id",
            ["Auth__Providers__idp__ClientSecet"] = "client-secret",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.Contains("Auth:Providers:idp:ClientSecret", StringComparison.Ordinal) && !line.Contains("did you mean", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, line => line.Contains("did you mean Auth:Providers:idp:ClientSecret?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyFilesThatCannotBeReadStopTheServiceNamingTheirSettingsAndNoSecretIsAskedFor()
    {
        var missing = Path.Combine(_workDirectory, "missing-client-key.pem");
        var notAKey = Path.Combine(_workDirectory, "apple.p8");
        await File.WriteAllTextAsync(notAKey, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        var run = await RunServiceAsync(new()
        {
            ["Auth__RedirectUri"] = "https://app.example.com/oauth2callback",
            ["Auth__Providers__okta__ServerMetadataUrl"] = "https://okta.example.com/.well-known/openid-configuration",
            ["Auth__Providers__okta__ClientId"] = "client-id",
            ["Auth__Providers__okta__TokenEndpointAuthMethod"] = "private_key_jwt",
            ["Auth__Providers__okta__ClientAssertionKeyPath"] = missing,
            ["Auth__Providers__apple__ServerMetadataUrl"] = "https://appleid.apple.com/.well-known/openid-configuration",
            ["Auth__Providers__apple__ClientId"] = "com.example.web",
            ["Auth__Providers__apple__AppleTeamId"] = "TEAM123456",
            ["Auth__Providers__apple__AppleKeyId"] = "KEY1234567",
            ["Auth__Providers__apple__AppleKeyPath"] = notAKey,
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.ErrorLines, line => line.Contains("Auth:Providers:okta:ClientAssertionKeyPath", StringComparison.Ordinal) && line.Contains(missing, StringComparison.Ordinal));
        Assert.Single(run.ErrorLines, line => line.Contains("Auth:Providers:apple:AppleKeyPath", StringComparison.Ordinal));
        Assert.Equal(2, run.ErrorLines.Count(line => line.Contains("Auth:", StringComparison.Ordinal)));
        Assert.DoesNotContain(run.ErrorLines, line => line.Contains("bm90IGEga2V5", StringComparison.Ordinal));
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

    private static async Task<IReadOnlyList<string>> WaitForLinesAsync(ServiceProcess service, Func<string, bool> match, int count)
    {
        var deadline = DateTime.UtcNow + ExitTimeout;
        while (service.OutputLines.Count(match) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return [.. service.OutputLines.Where(match)];
    }

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
