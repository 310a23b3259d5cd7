using StackExchange.Redis;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// A single real <c>redis-server</c> on a free loopback port, appending every write to disk, so a restart keeps what was
/// written. It can be paused (SIGSTOP) and resumed like a hung server.
/// </summary>
public sealed class RedisServer : IRedisDeployment, IAsyncDisposable
{
    private readonly RedisProcess _process;
    private ConnectionMultiplexer? _inspection;

    private RedisServer(RedisProcess process)
    {
        _process = process;
    }

    public string ConnectionString => $"127.0.0.1:{_process.Port},connectTimeout=2000,asyncTimeout=1000,syncTimeout=1000";

    public IDatabase Database => Inspection.GetDatabase();

    /// <summary>The test's own connection, allowed the admin commands (CLIENT KILL) a test may break things with.</summary>
    private ConnectionMultiplexer Inspection => _inspection ??= ConnectionMultiplexer.Connect(ConnectionString + ",allowAdmin=true");

    public static async Task<RedisServer> StartAsync() =>
        new(await RedisProcess.StartAsync(["--save", "", "--appendonly", "yes", "--appendfsync", "always"]));

    /// <summary>The server stops answering but keeps its connections, as a hung or overloaded one does.</summary>
    public void Pause() => _process.Pause();

    public void Resume() => _process.Resume();

    /// <summary>Shuts the server down as an operator would (SIGTERM), then starts it again on the same port and folder.</summary>
    public Task RestartAsync() => _process.RestartAsync();

    public async Task<List<string>> KeysAsync(string pattern)
    {
        var keys = new List<string>();
        var server = Inspection.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: pattern))
        {
            keys.Add(key.ToString());
        }
        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        _inspection?.Dispose();
        await _process.DisposeAsync();
    }
}
