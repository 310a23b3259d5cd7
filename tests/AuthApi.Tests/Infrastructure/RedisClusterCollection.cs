namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// The test classes that share one <see cref="RedisCluster"/>: started once (six processes take seconds, not milliseconds),
/// its classes run one after another, and each test empties it first.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
