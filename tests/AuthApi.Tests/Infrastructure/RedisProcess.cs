using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// One real <c>redis-server</c> process (the Debian package) on a loopback port, in a folder of its own: a plain server, a
/// cluster node or a sentinel, by its arguments. It can be paused (SIGSTOP) like a hung server, stopped and started again
/// on the same port and folder, or killed (SIGKILL) as a crashed one.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string[] _arguments;
    private readonly string _readyLine;
    private Process? _process;

    private RedisProcess(int port, string directory, string[] arguments, string readyLine)
    {
        Port = port;
        Directory = directory;
        _arguments = arguments;
        _readyLine = readyLine;
    }

    public int Port { get; }

    /// <summary>The process's working folder: its data, and any file a test writes for it (a configuration, certificates).</summary>
    public string Directory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts <c>redis-server</c> with <paramref name="arguments"/> after <c>--port</c>, <c>--bind</c> and <c>--dir</c>, and
    /// waits for <paramref name="readyLine"/> in its output. <paramref name="port"/> 0 takes a free one; a first argument that
    /// is a file name (a configuration) goes before the rest, as redis-server wants.
    /// </summary>
    public static async Task<RedisProcess> StartAsync(
        IEnumerable<string> arguments,
        int port = 0,
        string readyLine = "Ready to accept connections",
        string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "authapi-tests-redis", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var redis = new RedisProcess(port == 0 ? FreePort() : port, directory, [.. arguments], readyLine);
        await redis.LaunchAsync();
        return redis;
    }

    /// <summary>A free loopback port, for a process whose port must be known before it starts (a cluster's nodes).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server stops answering but keeps its connections, as a hung or overloaded one does.</summary>
    public void Pause() => Signal(SigStop);

    public void Resume() => Signal(SigCont);

    /// <summary>Dies at once, as a crashed server or machine does: nothing is written or said to its peers.</summary>
    public async Task KillAsync()
    {
        Signal(SigKill);
        await _process!.WaitForExitAsync();
    }

    /// <summary>Shuts the server down as an operator would (SIGTERM), then starts it again on the same port and folder.</summary>
    public async Task RestartAsync()
    {
        Signal(SigTerm);
        await _process!.WaitForExitAsync();
        await LaunchAsync();
    }

    /// <summary>Starts a killed or stopped server again on the same port and folder.</summary>
    public Task StartAgainAsync() => LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            Signal(SigCont);
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being written by a process that is exiting: the temporary folder is cleaned another time.
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        var arguments = _arguments.AsEnumerable();
        if (_arguments.Length > 0 && !_arguments[0].StartsWith("--", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(_arguments[0]); // a configuration file comes first
            arguments = _arguments.Skip(1);
        }
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", Directory }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process?.Dispose();
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server (.ci/run does).", ex);
        }
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                output.Enqueue(text);
                if (text.Contains(_readyLine, StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout)) != ready.Task)
        {
            throw new InvalidOperationException($"redis-server on port {Port} did not start:\n{string.Join("\n", output)}");
        }
    }

    private void Signal(int signal)
    {
        if (Kill(_process!.Id, signal) != 0)
        {
            throw new InvalidOperationException($"Signal {signal} to redis-server failed: {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
