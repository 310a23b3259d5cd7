using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using StackExchange.Redis;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (the Debian package) on a free loopback port with its own temporary folder, appending every write
/// to disk, so a restart keeps what was written. It can be paused (SIGSTOP) and resumed like a hung server.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "authapi-tests-redis", Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort();
    private Process _process = null!;
    private ConnectionMultiplexer? _inspection;

    private RedisServer()
    {
        Directory.CreateDirectory(_directory);
    }

    /// <summary>For <c>Auth:Redis</c>: short timeouts, so a paused server is noticed within a second or two.</summary>
    public string ConnectionString => $"127.0.0.1:{_port},connectTimeout=2000,asyncTimeout=1000,syncTimeout=1000";

    /// <summary>A connection of the test's own, to look at what AuthApi stored.</summary>
    public IDatabase Database => (_inspection ??= ConnectionMultiplexer.Connect(ConnectionString)).GetDatabase();

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.LaunchAsync();
        return server;
    }

    /// <summary>The server stops answering but keeps its connections, as a hung or overloaded one does.</summary>
    public void Pause() => Signal(SigStop);

    public void Resume() => Signal(SigCont);

    /// <summary>Shuts the server down as an operator would (SIGTERM), then starts it again on the same port and folder.</summary>
    public async Task RestartAsync()
    {
        Signal(SigTerm);
        await _process.WaitForExitAsync();
        await LaunchAsync();
    }

    /// <summary>Keys matching the pattern, e.g. <c>authapi:session:*</c>.</summary>
    public async Task<List<string>> KeysAsync(string pattern)
    {
        var keys = new List<string>();
        var server = (_inspection ??= ConnectionMultiplexer.Connect(ConnectionString)).GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: pattern))
        {
            keys.Add(key.ToString());
        }
        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        _inspection?.Dispose();
        if (!_process.HasExited)
        {
            Signal(SigCont);
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "--port", _port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always" })
        {
            start.ArgumentList.Add(argument);
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(StartTimeout);
    }

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"Signal {signal} to redis-server failed: {Marshal.GetLastPInvokeError()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
