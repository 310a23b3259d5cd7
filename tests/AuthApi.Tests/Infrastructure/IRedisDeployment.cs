using StackExchange.Redis;

namespace AuthApi.Tests.Infrastructure;

/// <summary>A real Redis the tests point <c>Auth:Redis</c> at: one server, or a cluster of several.</summary>
public interface IRedisDeployment
{
    /// <summary>For <c>Auth:Redis</c>: short timeouts, so a paused or dead server is noticed within a second or two.</summary>
    string ConnectionString { get; }

    /// <summary>A connection of the test's own, to look at what AuthApi stored.</summary>
    IDatabase Database { get; }

    /// <summary>Keys matching the pattern on every primary, e.g. <c>authapi:session:*</c>.</summary>
    Task<List<string>> KeysAsync(string pattern);
}
