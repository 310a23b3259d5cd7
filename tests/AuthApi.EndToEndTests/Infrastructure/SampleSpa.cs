using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>samples/spa served by its own server (<c>node samples/spa/server.mjs</c>) at the stack's <see cref="RunningStack.SpaUrl"/>.</summary>
public sealed class SampleSpa : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleSpa(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the server printed, for failure messages.</summary>
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

    /// <summary>Starts the server against the stack's AuthApi and provider and waits until it serves the page.</summary>
    public static async Task<SampleSpa> StartAsync(RunningStack stack)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryFolder.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine("samples", "spa", "server.mjs"),
            "--host", stack.SpaUrl.Host,
            "--port", stack.SpaUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--authapi", stack.ApiUrl.ToString(),
            "--provider", stack.ProviderUrl.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("Node.js 20 or newer must be on PATH to serve samples/spa.", exception);
        }
        var spa = new SampleSpa(process);
        await spa.WaitUntilServingAsync(stack.SpaUrl);
        return spa;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(Uri url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The sample SPA's server exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK)
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
        throw new TimeoutException($"The sample SPA was not served within 20 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
