namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// A test class run against a real Redis, once per deployment: a concrete class passes the shared cluster, or nothing for a
/// <c>redis-server</c> of each test's own (which can then be paused or restarted through <see cref="Server"/>).
/// </summary>
public abstract class RedisTests(RedisClusterFixture? cluster) : IAsyncLifetime
{
    private RedisServer? _server;

    protected IRedisDeployment Redis { get; private set; } = null!;

    /// <summary>The test's own server, for the tests of one server only (a pause, a restart).</summary>
    protected RedisServer Server => _server ?? throw new InvalidOperationException("This test class runs on the shared cluster.");

    public async Task InitializeAsync()
    {
        if (cluster is null)
        {
            Redis = _server = await RedisServer.StartAsync();
            return;
        }
        await cluster.Cluster.FlushAsync();
        Redis = cluster.Cluster;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
