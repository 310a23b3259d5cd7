namespace AuthApi.Tests.Infrastructure;

/// <summary>The cluster of <see cref="RedisClusterCollection"/>, started before its first test and stopped after its last.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public RedisCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
