using AuthApi.Tests.Infrastructure;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The development stack with sessions in a real redis-server of its own (<c>Auth:Session:Store=Redis</c>).</summary>
public sealed class RedisStoreStack : RunningStack
{
    private RedisServer? _redis;

    protected override IEnumerable<string> MoreArguments =>
        ["--AuthApi:Auth:Redis", _redis!.ConnectionString, "--AuthApi:Auth:Session:Store", "Redis"];

    public override async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisStoreCollection : ICollectionFixture<RedisStoreStack>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Running stack with the Redis store";
}
