using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>
/// The development identity provider and AuthApi, started as a real process on two loopback ports,
/// once for all end-to-end tests.
/// </summary>
public class RunningStack : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri ProviderUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    public Uri ApiUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    /// <summary>
    /// Where a test serves the sample SPA: AuthApi allows this origin and proxies <c>/api/hello</c> to it, as the dev stack
    /// does for http://localhost:3000.
    /// </summary>
    public Uri SpaUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    /// <summary>The client AuthApi is registered as at the development provider (its defaults).</summary>
    public static (string Id, string Secret) Client => ("authapi-dev", "authapi-dev-secret-not-for-production");

    /// <summary>What the process printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>More AuthApi settings (<c>--AuthApi:Auth:...</c> arguments) of a stack configured otherwise.</summary>
    protected virtual IEnumerable<string> MoreArguments => [];

    public virtual async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "AuthApi.DevIdentityProvider.dll"),
            "--urls", ProviderUrl.ToString().TrimEnd('/'),
            "--DevIdentityProvider:AuthApiUrl", ApiUrl.ToString().TrimEnd('/'),
            // The refresh token too, so tests can check refresh and revocation at the real provider.
            "--AuthApi:Auth:ExposeTokens", "id,access,refresh",
            "--AuthApi:Auth:ExposeRefreshToken", "true",
            "--AuthApi:Auth:AllowedOrigins", SpaUrl.ToString().TrimEnd('/'),
            // The dev stack's proxy route to the sample SPA's /api/hello, at the port the SPA gets here.
            "--AuthApi:Auth:Proxy:Routes:hello:Destination", SpaUrl.ToString(),
            // A rotated refresh token used again is taken for theft at once, so tests need not wait out the leeway.
            "--DevIdentityProvider:RefreshTokenReuseLeeway", "00:00:00",
            // Every test logs in from 127.0.0.1: the whole suite would share one minute's budget of 60 (unit tests cover the limit).
            "--AuthApi:Auth:RateLimit:PermitsPerMinute", "1000",
        }.Concat(MoreArguments))
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    /// <summary>Waits until the output since <paramref name="from"/> contains the text; returns that part of the output.</summary>
    public async Task<string> WaitForOutputAsync(int from, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Output[from..].Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The stack did not print '{text}' within 10 s:\n{Output[from..]}");
            }
            await Task.Delay(100);
        }
        return Output[from..];
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The stack exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                var ready = await client.GetAsync(new Uri(ApiUrl, "/readyz"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The stack was not ready within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<RunningStack>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Running stack";
}
