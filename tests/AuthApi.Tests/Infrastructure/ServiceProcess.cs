using System.Diagnostics;

namespace AuthApi.Tests.Infrastructure;

/// <summary>The built service started as operators start it: <c>dotnet AuthApi.dll</c> with environment variables, output captured.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _outputLines = [];
    private readonly List<string> _errorLines = [];

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(_outputLines, line.Data);
        _process.ErrorDataReceived += (_, line) => Append(_errorLines, line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Standard output so far.</summary>
    public IReadOnlyList<string> OutputLines => Snapshot(_outputLines);

    /// <summary>Standard error so far.</summary>
    public IReadOnlyList<string> ErrorLines => Snapshot(_errorLines);

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the service in Production with keys under the work directory and no <c>Auth__</c> variable but these.</summary>
    public static ServiceProcess Start(string workDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AuthApi.dll"));
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("Auth__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0"; // never clash on a port unless told one
        start.Environment["Auth__DataProtection__KeysPath"] = Path.Combine(workDirectory, "keys");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the process to exit; false when it is still running after the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until <c>/healthz</c> answers at the base address.</summary>
    public async Task WaitUntilReadyAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
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
            await Task.Delay(100);
        }
        Assert.Fail($"The service did not become ready:\n{string.Join('\n', OutputLines.Concat(ErrorLines))}");
    }

    /// <summary>Stops the service (if it still runs) and waits until its output is complete.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static void Append(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    /// <summary>The <c>dotnet</c> running these tests, so the service runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
