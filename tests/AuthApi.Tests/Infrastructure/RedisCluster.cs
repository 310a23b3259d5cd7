using System.Diagnostics;
using StackExchange.Redis;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// A real Redis Cluster on loopback: three primaries and a replica of each, every node a <c>redis-server</c> with
/// <c>--cluster-enabled yes</c>, joined by <c>redis-cli --cluster create</c> as an operator would. Nodes notice a dead peer
/// after a second (<c>cluster-node-timeout</c>), so a killed primary's replica takes over within a few.
/// </summary>
public sealed class RedisCluster : IRedisDeployment, IAsyncDisposable
{
    private const int Primaries = 3;
    private const int NodeTimeoutMs = 1000;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    private readonly List<RedisProcess> _nodes;
    private ConnectionMultiplexer? _inspection;

    private RedisCluster(List<RedisProcess> nodes)
    {
        _nodes = nodes;
    }

    /// <summary>Seeds from the first primary only: the client learns every other node from the cluster itself.</summary>
    public string ConnectionString => ConnectionStringVia(0);

    public IDatabase Database => Inspection.GetDatabase();

    private ConnectionMultiplexer Inspection => _inspection ??= ConnectionMultiplexer.Connect(ConnectionString + ",allowAdmin=true,asyncTimeout=10000,syncTimeout=10000");

    public static async Task<RedisCluster> StartAsync()
    {
        var ports = Enumerable.Range(0, Primaries * 2).Select(_ => RedisProcess.FreePort()).ToList();
        var nodes = new List<RedisProcess>();
        foreach (var port in ports)
        {
            // The bus port is port + 10000 by default, which a free port above 55535 does not have: each node gets its own.
            nodes.Add(await RedisProcess.StartAsync(
                ["--cluster-enabled", "yes", "--cluster-port", RedisProcess.FreePort().ToString(), "--cluster-config-file", "nodes.conf",
                 "--cluster-node-timeout", NodeTimeoutMs.ToString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always"],
                port));
        }
        var cluster = new RedisCluster(nodes);
        await RedisCliAsync(["--cluster", "create", .. ports.Select(port => $"127.0.0.1:{port}"), "--cluster-replicas", "1", "--cluster-yes"]);
        await cluster.WaitUntilServingAsync();
        return cluster;
    }

    /// <summary>A connection string that seeds from node <paramref name="node"/> alone, for an instance that starts from another node.</summary>
    public string ConnectionStringVia(int node) => $"127.0.0.1:{_nodes[node].Port},connectTimeout=2000,asyncTimeout=1000,syncTimeout=1000";

    public async Task<List<string>> KeysAsync(string pattern)
    {
        var keys = new List<string>();
        foreach (var server in await PrimariesAsync())
        {
            await foreach (var key in server.KeysAsync(pattern: pattern))
            {
                keys.Add(key.ToString());
            }
        }
        return keys;
    }

    /// <summary>Empties every primary, so each test starts from nothing on the cluster the test collection shares.</summary>
    public async Task FlushAsync()
    {
        foreach (var server in await PrimariesAsync())
        {
            await server.FlushDatabaseAsync();
        }
    }

    /// <summary>Waits until every replica holds what its primary has been written (replication is asynchronous).</summary>
    public async Task WaitForReplicasAsync()
    {
        foreach (var server in await PrimariesAsync())
        {
            var acknowledged = (long)await server.ExecuteAsync("WAIT", 1, 5000);
            if (acknowledged < 1)
            {
                throw new InvalidOperationException($"The replica of {server.EndPoint} did not acknowledge its primary's writes.");
            }
        }
    }

    /// <summary>Kills (SIGKILL) the primary that holds <paramref name="key"/>, and waits until its replica serves in its place.</summary>
    public async Task<RedisProcess> KillPrimaryOfAsync(RedisKey key)
    {
        var endPoint = (System.Net.IPEndPoint)Inspection.GetServer(key).EndPoint;
        var primary = _nodes.Single(node => node.Port == endPoint.Port);
        await primary.KillAsync();
        return primary;
    }

    public async Task KillNodeAsync(int port) => await _nodes.Single(node => node.Port == port).KillAsync();

    /// <summary>Until every slot is served again: after a kill, by a promoted replica.</summary>
    public async Task WaitUntilServingAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var states = await Task.WhenAll(_nodes.Where(node => node.IsRunning).Select(node => RedisCliAsync(["-p", node.Port.ToString(), "cluster", "info"])));
            if (states.All(state => state.Contains("cluster_state:ok", StringComparison.Ordinal)))
            {
                return;
            }
            if (waited.Elapsed > SettleTimeout)
            {
                throw new TimeoutException($"The cluster did not settle:\n{string.Join("\n", states)}");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inspection?.Dispose();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>
    /// The servers that are primaries now, each asked itself (ROLE): the client's own view can lag behind a cluster that has
    /// just been made or has failed over, and a write sent to a replica fails with READONLY.
    /// </summary>
    private async Task<List<IServer>> PrimariesAsync()
    {
        var primaries = new List<IServer>();
        foreach (var server in Inspection.GetServers().Where(server => server.IsConnected))
        {
            if (await server.RoleAsync() is Role.Master)
            {
                primaries.Add(server);
            }
        }
        return primaries;
    }

    private static async Task<string> RedisCliAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', start.ArgumentList)} failed: {await output}{await error}");
        }
        return await output;
    }
}
