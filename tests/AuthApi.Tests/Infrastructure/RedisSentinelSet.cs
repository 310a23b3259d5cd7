using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// A Redis Sentinel deployment of real processes on loopback ports: a primary, one replica, and three sentinels that
/// watch them (quorum 2) and promote the replica a second or two after the primary dies.
/// </summary>
public sealed class RedisSentinelSet : IAsyncDisposable
{
    public const string ServiceName = "mymaster";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly RedisProcess _primary;
    private readonly RedisProcess _replica;
    private readonly RedisProcess[] _sentinels;
    private readonly ConnectionMultiplexer _sentinelView;

    private RedisSentinelSet(RedisProcess primary, RedisProcess replica, RedisProcess[] sentinels, ConnectionMultiplexer sentinelView)
    {
        _primary = primary;
        _replica = replica;
        _sentinels = sentinels;
        _sentinelView = sentinelView;
    }

    /// <summary>For <c>Auth:Redis</c>: the sentinels and the service name, with RedisServer's short timeouts.</summary>
    public string ConnectionString =>
        $"{SentinelEndPoints},serviceName={ServiceName},connectTimeout=2000,asyncTimeout=1000,syncTimeout=1000";

    private string SentinelEndPoints => string.Join(",", _sentinels.Select(sentinel => $"127.0.0.1:{sentinel.Port}"));

    public static async Task<RedisSentinelSet> StartAsync()
    {
        var primary = await RedisProcess.StartAsync(["--save", "", "--repl-diskless-sync-delay", "0"]); // syncs its replica at once, not 5 s later
        var replica = await RedisProcess.StartAsync(
            ["--save", "", "--replicaof", "127.0.0.1", primary.Port.ToString()],
            readyLine: "MASTER <-> REPLICA sync: Finished with success");
        var peers = Enumerable.Range(0, 3).Select(_ => (Port: RedisProcess.FreePort(), Id: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)))).ToArray();
        var sentinels = await Task.WhenAll(peers.Select(self => StartSentinelAsync(self, peers, primary.Port, replica.Port)));
        var view = await ConnectionMultiplexer.SentinelConnectAsync(string.Join(",", sentinels.Select(sentinel => $"127.0.0.1:{sentinel.Port}")));
        var set = new RedisSentinelSet(primary, replica, sentinels, view);
        await set.WaitUntilSentinelsSeeEachOtherAsync();
        return set;
    }

    /// <summary>Returns once the replica holds every write the primary has taken so far (Redis replicates asynchronously).</summary>
    public async Task WaitForReplicaAsync()
    {
        await using var primary = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_primary.Port}");
        var acknowledged = (long)await primary.GetDatabase().ExecuteAsync("WAIT", 1, 5000);
        if (acknowledged < 1)
        {
            throw new InvalidOperationException("The replica did not acknowledge the primary's writes within 5 s.");
        }
    }

    /// <summary>The primary dies at once (SIGKILL), as a crashed machine does: the sentinels notice after a second.</summary>
    public Task KillPrimaryAsync() => _primary.KillAsync();

    /// <summary>Every sentinel dies (SIGKILL) while the primary and the replica go on: nobody can tell a client where the primary is.</summary>
    public async Task KillSentinelsAsync()
    {
        foreach (var sentinel in _sentinels)
        {
            await sentinel.KillAsync();
        }
    }

    /// <summary>The sentinels start again from the configuration they rewrote, knowing the primary, the replica and each other.</summary>
    public async Task StartSentinelsAgainAsync()
    {
        await Task.WhenAll(_sentinels.Select(sentinel => sentinel.StartAgainAsync()));
    }

    /// <summary>
    /// The killed primary starts again on its port, empty (it kept nothing on disk) and calling itself primary until the
    /// sentinels make it a replica of the new one, some seconds later.
    /// </summary>
    public Task RestartKilledPrimaryAsync() => _primary.StartAgainAsync();

    /// <summary>Waits until every sentinel names the replica as the primary; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForNewPrimaryAsync()
    {
        var waited = Stopwatch.StartNew();
        while (!await EverySentinelNamesAsync(_replica.Port))
        {
            if (waited.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"The sentinels did not promote the replica within {ReadyTimeout.TotalSeconds} s.");
            }
            await Task.Delay(100);
        }
        return waited.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        _sentinelView.Dispose();
        foreach (var process in _sentinels.Append(_replica).Append(_primary))
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>A sentinel told its peers and the replica up front, as it would learn them from their announcements within seconds.</summary>
    private static async Task<RedisProcess> StartSentinelAsync((int Port, string Id) self, (int Port, string Id)[] peers, int primaryPort, int replicaPort)
    {
        var directory = Path.Combine(Path.GetTempPath(), "authapi-tests-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var configuration = Path.Combine(directory, "sentinel.conf"); // a sentinel rewrites its file: one per sentinel, in its folder
        await File.WriteAllLinesAsync(configuration,
        [
            $"sentinel monitor {ServiceName} 127.0.0.1 {primaryPort} 2",
            $"sentinel down-after-milliseconds {ServiceName} 1000",
            $"sentinel failover-timeout {ServiceName} 5000",
            $"sentinel myid {self.Id}",
            $"sentinel known-replica {ServiceName} 127.0.0.1 {replicaPort}",
            .. peers.Where(peer => peer != self).Select(peer => $"sentinel known-sentinel {ServiceName} 127.0.0.1 {peer.Port} {peer.Id}"),
        ]);
        return await RedisProcess.StartAsync([configuration, "--sentinel"], self.Port, $"+monitor master {ServiceName}", directory);
    }

    /// <summary>A failover needs two sentinels agreeing and the replica known: each has them once connected to the primary.</summary>
    private async Task WaitUntilSentinelsSeeEachOtherAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var views = await Task.WhenAll(_sentinels.Select(sentinel => SentinelServer(sentinel).SentinelMasterAsync(ServiceName)));
            if (views.All(view => Field(view, "num-slaves") == "1" && Field(view, "num-other-sentinels") == "2"))
            {
                return;
            }
            if (waited.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException("The sentinels did not find each other and the replica within 20 s.");
            }
            await Task.Delay(100);
        }
    }

    private async Task<bool> EverySentinelNamesAsync(int port)
    {
        var primaries = await Task.WhenAll(_sentinels.Select(async sentinel =>
        {
            try
            {
                return await SentinelServer(sentinel).SentinelGetMasterAddressByNameAsync(ServiceName);
            }
            catch (RedisException)
            {
                return null; // a sentinel busy with the failover answers later
            }
        }));
        return primaries.All(primary => primary is IPEndPoint named && named.Port == port);
    }

    private IServer SentinelServer(RedisProcess sentinel) => _sentinelView.GetServer("127.0.0.1", sentinel.Port);

    private static string? Field(KeyValuePair<string, string>[] fields, string name) =>
        fields.FirstOrDefault(field => field.Key == name).Value;
}
